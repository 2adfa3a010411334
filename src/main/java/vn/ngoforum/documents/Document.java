package vn.ngoforum.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A document to hand to someone outside the forum (a submission to a ministry, a workshop report), as plain
 * structure: a title, then headings, paragraphs, lists and simple tables in reading order. It knows no feature and
 * no file format: {@link Docx} and {@link Pdf} write the same document as Word and PDF files.
 *
 * <pre>
 *   Document doc = Document.titled("Góp ý dự thảo Nghị định")
 *       .subtitle("Gửi Bộ Nông nghiệp và Môi trường")
 *       .heading(1, "Điều 5. Nghiêm cấm")
 *       .paragraph(Text.bold("Đề xuất: "), Text.plain("bổ sung điểm đ) ..."))
 *       .list(false, List.of("Tổ chức A", "Tổ chức B"))
 *       .table(List.of("Tổ chức", "Tỉnh"), List.of(List.of("SVW", "Hà Nội")));
 *   byte[] pdf = Pdf.write(doc);
 * </pre>
 * Text is any Unicode (Vietnamese with its diacritics; a line break inside a paragraph is kept). Writing a file is
 * CPU work that can take a while for a long document: run it off the event loop ({@link DocumentFormat#build}).
 * A document is built by one thread and then only read.
 */
public final class Document {

  /** A run of text inside a paragraph, list item or cell; {@code bold} for labels and emphasis. */
  public record Text(String text, boolean bold) {

    public Text {
      text = text == null ? "" : text;
    }

    public static Text plain(String text) {
      return new Text(text, false);
    }

    public static Text bold(String text) {
      return new Text(text, true);
    }
  }

  /** One block of the document. */
  public sealed interface Block permits Heading, Paragraph, ListBlock, Table {
  }

  /** A heading; {@code level} 1 (a main part) to 3. */
  public record Heading(int level, String text) implements Block {

    public Heading {
      if (level < 1 || level > 3) {
        throw new IllegalArgumentException("A heading's level is 1, 2 or 3, not " + level);
      }
      text = text == null ? "" : text;
    }
  }

  /** A paragraph of runs; {@code indented} for quoted wording (e.g. a clause as the authority wrote it). */
  public record Paragraph(List<Text> runs, boolean indented) implements Block {

    public Paragraph {
      runs = List.copyOf(runs);
    }

    /** The paragraph's text, runs joined. */
    public String plain() {
      StringBuilder all = new StringBuilder();
      runs.forEach(run -> all.append(run.text()));
      return all.toString();
    }
  }

  /** A bulleted or numbered list of one-paragraph items. */
  public record ListBlock(boolean numbered, List<List<Text>> items) implements Block {

    public ListBlock {
      items = items.stream().map(List::copyOf).toList();
    }
  }

  /** A table: a header row (bold) and rows of plain cells, each row as many cells as the header. */
  public record Table(List<String> header, List<List<String>> rows) implements Block {

    public Table {
      header = List.copyOf(header);
      if (header.isEmpty()) {
        throw new IllegalArgumentException("A table needs at least one column");
      }
      for (List<String> row : rows) {
        if (row.size() != header.size()) {
          throw new IllegalArgumentException("Each row needs " + header.size() + " cells, not " + row.size());
        }
      }
      rows = rows.stream().map(row -> row.stream().map(cell -> cell == null ? "" : cell).toList()).toList();
    }
  }

  private final String title;
  private String subtitle = "";
  private final List<Block> blocks = new ArrayList<>();

  private Document(String title) {
    this.title = Objects.requireNonNull(title, "title");
  }

  public static Document titled(String title) {
    return new Document(title);
  }

  /** A line under the title (who it is for, a date); empty by default. */
  public Document subtitle(String text) {
    this.subtitle = text == null ? "" : text;
    return this;
  }

  public Document heading(int level, String text) {
    blocks.add(new Heading(level, text));
    return this;
  }

  /** A paragraph of plain text; blank text adds nothing. */
  public Document paragraph(String text) {
    return text == null || text.isBlank() ? this : paragraph(Text.plain(text));
  }

  public Document paragraph(Text... runs) {
    blocks.add(new Paragraph(List.of(runs), false));
    return this;
  }

  /** An indented paragraph of plain text (quoted wording); blank text adds nothing. */
  public Document quote(String text) {
    if (text != null && !text.isBlank()) {
      blocks.add(new Paragraph(List.of(Text.plain(text)), true));
    }
    return this;
  }

  /** A list of plain items; an empty list adds nothing. */
  public Document list(boolean numbered, List<String> items) {
    if (!items.isEmpty()) {
      blocks.add(new ListBlock(numbered, items.stream().map(item -> List.of(Text.plain(item))).toList()));
    }
    return this;
  }

  public Document table(List<String> header, List<List<String>> rows) {
    blocks.add(new Table(header, rows));
    return this;
  }

  public String title() {
    return title;
  }

  public String subtitle() {
    return subtitle;
  }

  public List<Block> blocks() {
    return List.copyOf(blocks);
  }
}
