package vn.ngoforum.documents;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Writes a {@link Document} as a PDF (Apache PDFBox): A4, text wrapped at word boundaries, new pages as the text
 * needs them, page numbers in the footer.
 *
 * <p>Vietnamese must print, so the text is set in DejaVu Sans (regular and bold, {@code fonts/} on the class path,
 * licence beside them), loaded as Type 0 fonts: only the glyphs the document uses are embedded, which keeps a
 * submission of a few pages near 50 KB instead of the fonts' 1.3 MB. Text is normalised to NFC first (a
 * decomposed "ệ" becomes the one glyph the font has); a character the font lacks prints as "?" rather than failing
 * the document.
 *
 * <p>Limits, by design for the documents the forum writes: a table's row is kept on one page (a row taller than a
 * page is cut at the page's foot), and there are no images, links or right-to-left scripts.
 */
public final class Pdf {

  private static final byte[] REGULAR = font("DejaVuSans.ttf");
  private static final byte[] BOLD = font("DejaVuSans-Bold.ttf");
  private static final PDRectangle PAGE = PDRectangle.A4;
  private static final float MARGIN = 56;
  private static final float WIDTH = PAGE.getWidth() - 2 * MARGIN;
  private static final float BODY = 10.5f;
  private static final float[] HEADING = {14, 12.5f, 11.5f};
  private static final float LEADING = 1.4f;
  private static final float INDENT = 24;
  private static final float CELL_PAD = 4;

  private Pdf() {
  }

  public static byte[] write(Document document) {
    try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      pdf.getDocumentInformation().setTitle(document.title());
      Layout layout = new Layout(pdf, PDType0Font.load(pdf, new ByteArrayInputStream(REGULAR)),
          PDType0Font.load(pdf, new ByteArrayInputStream(BOLD)));
      layout.title(document.title(), document.subtitle());
      for (Document.Block block : document.blocks()) {
        layout.add(block);
      }
      layout.finish();
      pdf.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the PDF", e);
    }
  }

  private static byte[] font(String name) {
    try (InputStream in = Pdf.class.getResourceAsStream("/fonts/" + name)) {
      if (in == null) {
        throw new IllegalStateException("The font fonts/" + name + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A stretch of a line in one font. */
  private record Piece(String text, PDFont font) {
  }

  /** A laid-out line: its pieces and width. */
  private record Line(List<Piece> pieces, float width) {
  }

  /** Places blocks on pages, top to bottom; one per document. */
  private static final class Layout {

    private final PDDocument pdf;
    private final PDFont regular;
    private final PDFont bold;
    private final Map<PDFont, Map<Integer, Boolean>> printable = new HashMap<>();
    private PDPageContentStream content;
    private float y;

    Layout(PDDocument pdf, PDFont regular, PDFont bold) throws IOException {
      this.pdf = pdf;
      this.regular = regular;
      this.bold = bold;
      newPage();
    }

    void title(String title, String subtitle) throws IOException {
      for (Line line : wrap(List.of(Document.Text.bold(title)), 18, WIDTH)) {
        draw(line, MARGIN + (WIDTH - line.width()) / 2, 18);
      }
      for (Line line : wrap(List.of(Document.Text.plain(subtitle)), BODY, WIDTH)) {
        if (!line.pieces().isEmpty()) {
          draw(line, MARGIN + (WIDTH - line.width()) / 2, BODY);
        }
      }
      y -= 12;
    }

    void add(Document.Block block) throws IOException {
      if (block instanceof Document.Heading heading) {
        float size = HEADING[heading.level() - 1];
        List<Line> lines = wrap(List.of(Document.Text.bold(heading.text())), size, WIDTH);
        y -= size * 0.8f;
        ensure(lines.size() * size * LEADING + 2 * BODY * LEADING);
        for (Line line : lines) {
          draw(line, MARGIN, size);
        }
        y -= 2;
      } else if (block instanceof Document.Paragraph paragraph) {
        float indent = paragraph.indented() ? INDENT : 0;
        for (Line line : wrap(paragraph.runs(), BODY, WIDTH - indent)) {
          draw(line, MARGIN + indent, BODY);
        }
        y -= BODY * 0.6f;
      } else if (block instanceof Document.ListBlock list) {
        int n = 1;
        for (List<Document.Text> item : list.items()) {
          String marker = list.numbered() ? n++ + "." : "\u2022";
          List<Line> lines = wrap(item, BODY, WIDTH - INDENT * 1.5f);
          for (int i = 0; i < lines.size(); i++) {
            ensure(BODY * LEADING);
            if (i == 0) {
              show(List.of(new Piece(clean(marker, regular), regular)), MARGIN + INDENT * 0.5f, y - BODY, BODY);
            }
            draw(lines.get(i), MARGIN + INDENT * 1.5f, BODY);
          }
        }
        y -= BODY * 0.6f;
      } else if (block instanceof Document.Table table) {
        table(table);
      }
    }

    private void table(Document.Table table) throws IOException {
      float[] widths = columnWidths(table);
      float size = BODY - 1;
      y -= 4;
      row(table.header(), widths, size, true);
      for (List<String> cells : table.rows()) {
        if (!row(cells, widths, size, false)) {
          newPage();
          row(table.header(), widths, size, true);
          row(cells, widths, size, false);
        }
      }
      y -= BODY;
    }

    /** Draws a row if it fits on this page (a header or a row taller than a page always does); else false. */
    private boolean row(List<String> cells, float[] widths, float size, boolean header) throws IOException {
      List<List<Line>> wrapped = new ArrayList<>();
      int most = 1;
      for (int c = 0; c < cells.size(); c++) {
        List<Line> lines = wrap(List.of(new Document.Text(cells.get(c), header)), size, widths[c] - 2 * CELL_PAD);
        wrapped.add(lines);
        most = Math.max(most, lines.size());
      }
      float height = most * size * LEADING + 2 * CELL_PAD;
      boolean tallerThanPage = height > PAGE.getHeight() - 2 * MARGIN;
      if (y - height < MARGIN && !tallerThanPage) {
        if (header) {
          newPage();
        } else {
          return false;
        }
      }
      float x = MARGIN;
      float bottom = Math.max(MARGIN, y - height);
      for (int c = 0; c < cells.size(); c++) {
        if (header) {
          content.setNonStrokingColor(0.9f);
          content.addRect(x, bottom, widths[c], y - bottom);
          content.fill();
          content.setNonStrokingColor(0f);
        }
        content.addRect(x, bottom, widths[c], y - bottom);
        content.stroke();
        float lineY = y - CELL_PAD - size;
        for (Line line : wrapped.get(c)) {
          if (lineY < bottom) {
            break;
          }
          show(line.pieces(), x + CELL_PAD, lineY, size);
          lineY -= size * LEADING;
        }
        x += widths[c];
      }
      y = bottom;
      return true;
    }

    /** Each column as wide as its longest cell asks, shared out over the text width (at least 40 pt each). */
    private float[] columnWidths(Document.Table table) throws IOException {
      int columns = table.header().size();
      float[] natural = new float[columns];
      for (int c = 0; c < columns; c++) {
        natural[c] = width(table.header().get(c), bold, BODY - 1);
        for (List<String> row : table.rows()) {
          natural[c] = Math.max(natural[c], width(row.get(c), regular, BODY - 1));
        }
        natural[c] = Math.max(40, natural[c] + 2 * CELL_PAD);
      }
      float total = 0;
      for (float w : natural) {
        total += w;
      }
      float[] widths = new float[columns];
      for (int c = 0; c < columns; c++) {
        widths[c] = WIDTH * natural[c] / total;
      }
      return widths;
    }

    private float width(String text, PDFont font, float size) throws IOException {
      float widest = 0;
      for (String line : text.split("\n", -1)) {
        widest = Math.max(widest, font.getStringWidth(clean(line, font)) / 1000 * size);
      }
      return widest;
    }

    /** The runs as lines no wider than {@code max}, broken between words (inside a word only when it is wider). */
    private List<Line> wrap(List<Document.Text> runs, float size, float max) throws IOException {
      List<Line> lines = new ArrayList<>();
      List<Piece> current = new ArrayList<>();
      float width = 0;
      for (Document.Text run : runs) {
        PDFont font = run.bold() ? bold : regular;
        String[] hardLines = run.text().replace("\r\n", "\n").split("\n", -1);
        for (int h = 0; h < hardLines.length; h++) {
          if (h > 0) {
            lines.add(new Line(current, width));
            current = new ArrayList<>();
            width = 0;
          }
          for (String word : clean(hardLines[h], font).split("(?<=\\s)(?=\\S)")) {
            if (word.isEmpty()) {
              continue;
            }
            float visible = font.getStringWidth(word.stripTrailing()) / 1000 * size;
            if (width + visible > max && !current.isEmpty()) {
              lines.add(new Line(current, width));
              current = new ArrayList<>();
              width = 0;
            }
            while (visible > max && word.length() > 1) {
              int fits = fitting(word, font, size, max);
              lines.add(new Line(List.of(new Piece(word.substring(0, fits), font)),
                  font.getStringWidth(word.substring(0, fits)) / 1000 * size));
              word = word.substring(fits);
              visible = font.getStringWidth(word.stripTrailing()) / 1000 * size;
            }
            if (current.isEmpty()) {
              word = word.stripLeading();
            }
            append(current, word, font);
            width += font.getStringWidth(word) / 1000 * size;
          }
        }
      }
      lines.add(new Line(current, width));
      return lines;
    }

    /** How many characters of the word fit in {@code max} (at least one, never splitting a surrogate pair). */
    private static int fitting(String word, PDFont font, float size, float max) throws IOException {
      int fits = word.offsetByCodePoints(0, 1);
      while (fits < word.length()) {
        int next = word.offsetByCodePoints(fits, 1);
        if (font.getStringWidth(word.substring(0, next)) / 1000 * size > max) {
          break;
        }
        fits = next;
      }
      return fits;
    }

    private static void append(List<Piece> pieces, String text, PDFont font) {
      Piece last = pieces.isEmpty() ? null : pieces.get(pieces.size() - 1);
      if (last != null && last.font() == font) {
        pieces.set(pieces.size() - 1, new Piece(last.text() + text, font));
      } else if (!text.isEmpty()) {
        pieces.add(new Piece(text, font));
      }
    }

    /** NFC, tabs as spaces, other control characters dropped, characters the font lacks as "?". */
    private String clean(String text, PDFont font) {
      Map<Integer, Boolean> known = printable.computeIfAbsent(font, f -> new HashMap<>());
      StringBuilder out = new StringBuilder();
      Normalizer.normalize(text, Normalizer.Form.NFC).codePoints().forEach(cp -> {
        if (cp == '\t') {
          out.append("    ");
        } else if (!Character.isISOControl(cp)) {
          boolean ok = known.computeIfAbsent(cp, c -> {
            try {
              font.encode(new String(Character.toChars(c)));
              return true;
            } catch (IllegalArgumentException | IOException e) {
              return false;
            }
          });
          if (ok) {
            out.appendCodePoint(cp);
          } else {
            out.append('?');
          }
        }
      });
      return out.toString();
    }

    /** Draws one line at the top of what is left (a new page when it does not fit) and moves down. */
    private void draw(Line line, float x, float size) throws IOException {
      ensure(size * LEADING);
      show(line.pieces(), x, y - size, size);
      y -= size * LEADING;
    }

    private void show(List<Piece> pieces, float x, float baseline, float size) throws IOException {
      if (pieces.isEmpty()) {
        return;
      }
      content.beginText();
      content.newLineAtOffset(x, baseline);
      for (Piece piece : pieces) {
        content.setFont(piece.font(), size);
        content.showText(piece.text());
      }
      content.endText();
    }

    private void ensure(float height) throws IOException {
      if (y - height < MARGIN) {
        newPage();
      }
    }

    private void newPage() throws IOException {
      if (content != null) {
        content.close();
      }
      PDPage page = new PDPage(PAGE);
      pdf.addPage(page);
      content = new PDPageContentStream(pdf, page);
      content.setLineWidth(0.5f);
      y = PAGE.getHeight() - MARGIN;
    }

    /** Closes the last page and numbers every page "n / N" at its foot. */
    void finish() throws IOException {
      content.close();
      int total = pdf.getNumberOfPages();
      for (int i = 0; i < total; i++) {
        try (PDPageContentStream foot = new PDPageContentStream(pdf, pdf.getPage(i),
            PDPageContentStream.AppendMode.APPEND, true, true)) {
          String number = (i + 1) + " / " + total;
          float w = regular.getStringWidth(number) / 1000 * 8;
          content = foot;
          show(List.of(new Piece(number, regular)), (PAGE.getWidth() - w) / 2, MARGIN / 2, 8);
        }
      }
    }
  }
}
