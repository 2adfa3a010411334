package vn.ngoforum.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;

/**
 * Writes a {@link Document} as a Word file (Office Open XML, Apache POI). Formatting is direct (bold, sizes,
 * indents) in Times New Roman, the face of Vietnamese administrative documents, so the file looks the same in Word,
 * LibreOffice and Google Docs without a template; a line break inside a text stays a line break.
 */
public final class Docx {

  private static final String FONT = "Times New Roman";
  private static final int BODY_SIZE = 12;
  private static final int[] HEADING_SIZES = {16, 14, 13};
  /** An indent step in twentieths of a point (0.25 inch). */
  private static final int INDENT = 360;

  private Docx() {
  }

  public static byte[] write(Document document) {
    try (XWPFDocument docx = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      docx.getProperties().getCoreProperties().setTitle(document.title());
      XWPFParagraph title = docx.createParagraph();
      title.setAlignment(ParagraphAlignment.CENTER);
      text(title.createRun(), document.title(), true, 18);
      if (!document.subtitle().isBlank()) {
        XWPFParagraph subtitle = docx.createParagraph();
        subtitle.setAlignment(ParagraphAlignment.CENTER);
        text(subtitle.createRun(), document.subtitle(), false, BODY_SIZE);
      }
      for (Document.Block block : document.blocks()) {
        add(docx, block);
      }
      docx.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the Word file", e);
    }
  }

  private static void add(XWPFDocument docx, Document.Block block) {
    if (block instanceof Document.Heading heading) {
      XWPFParagraph p = docx.createParagraph();
      p.setSpacingBefore(240);
      p.setKeepNext(true);
      text(p.createRun(), heading.text(), true, HEADING_SIZES[heading.level() - 1]);
    } else if (block instanceof Document.Paragraph paragraph) {
      XWPFParagraph p = docx.createParagraph();
      if (paragraph.indented()) {
        p.setIndentationLeft(INDENT * 2);
      }
      runs(p, paragraph.runs());
    } else if (block instanceof Document.ListBlock list) {
      int n = 1;
      for (List<Document.Text> item : list.items()) {
        XWPFParagraph p = docx.createParagraph();
        p.setIndentationLeft(INDENT * 2);
        p.setIndentationHanging(INDENT);
        text(p.createRun(), list.numbered() ? n++ + ". " : "\u2022 ", false, BODY_SIZE);
        runs(p, item);
      }
    } else if (block instanceof Document.Table table) {
      table(docx, table);
    }
  }

  private static void table(XWPFDocument docx, Document.Table table) {
    XWPFTable t = docx.createTable(table.rows().size() + 1, table.header().size());
    t.setWidth("100%");
    for (int c = 0; c < table.header().size(); c++) {
      cell(t.getRow(0).getCell(c), table.header().get(c), true);
    }
    for (int r = 0; r < table.rows().size(); r++) {
      for (int c = 0; c < table.header().size(); c++) {
        cell(t.getRow(r + 1).getCell(c), table.rows().get(r).get(c), false);
      }
    }
    docx.createParagraph();
  }

  private static void cell(XWPFTableCell cell, String value, boolean bold) {
    text(cell.getParagraphs().get(0).createRun(), value, bold, BODY_SIZE - 1);
  }

  private static void runs(XWPFParagraph p, List<Document.Text> runs) {
    for (Document.Text run : runs) {
      text(p.createRun(), run.text(), run.bold(), BODY_SIZE);
    }
  }

  /** Sets a run's text, each line break inside it a Word line break. */
  private static void text(XWPFRun run, String text, boolean bold, int size) {
    run.setFontFamily(FONT);
    run.setFontSize(size);
    run.setBold(bold);
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        run.addBreak();
      }
      run.setText(lines[i]);
    }
  }
}
