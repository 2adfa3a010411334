package vn.ngoforum.consultations.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a pasted policy text (Markdown or plain text) into the parts Vietnamese legal documents are numbered by:
 * Chương (chapter, Roman numerals), Mục (section), Điều (article, "Điều 5. Title"), khoản (numbered clauses "1.")
 * and điểm (lettered points "a)", including "đ)"), and the English equivalents (Chapter, Section, Article, "1." or
 * "(1)", "a)" or "(a)"). Pure: no I/O, so every rule is unit-tested on realistic texts.
 *
 * <p>Cross-references inside sentences ("theo quy định tại khoản 2 Điều 5", "points a) and b) of clause 1") never
 * start a part. A marker starts a part only when it opens a line, and:
 * <ul>
 *   <li>an article heading is "Điều N." (or "Điều N:") at the start of a line, with the number after the
 *       previous article's, or a higher one opening a paragraph (articles are numbered once across the document),
 *       so "Điều 5 của Luật này ..." opening a line, or a wrapped "Article 3." after Article 5, stays text;</li>
 *   <li>a clause or point marker must be the next one in its sequence (1 after nothing, 2 after 1; a, b, c, d, đ, e,
 *       g ... in the Vietnamese alphabet, or f, j, w ... in the English one) and open a paragraph: the line before
 *       is blank, a heading, or ends a sentence (". ; : ! ?"). A line wrapped inside a sentence that happens to
 *       begin with "2." or "b)" therefore stays part of the sentence.</li>
 * </ul>
 *
 * <p>A text with no chapter, section or article heading is a document of clauses: its numbered clauses (and their
 * points), or else its paragraphs, become the top-level parts ({@code k1}, {@code k2} ...). Text before the first
 * part is the preamble (the "Căn cứ ..." lines, the decree's own title), shown but not numbered.
 *
 * <p>Malformed input fails with a {@link SplitException} that says what and where: an empty text, a chapter or a
 * section without any article, a chapter or section number given twice, more than {@value #MAX_PARTS} parts.
 */
public final class Splitter {

  /** More parts than any decree has; a bigger text is most likely not one document. */
  public static final int MAX_PARTS = 5000;

  /** The Vietnamese alphabet as points use it: "đ)" comes after "d)", and there is no f, j, w or z. */
  static final String VI_LETTERS = "abcdđeghiklmnopqrstuvxy";
  static final String EN_LETTERS = "abcdefghijklmnopqrstuvwxyz";

  private static final String SEPARATOR = "(?:\\s*[.:]\\s*|\\s+[\\u2013\\u2014-]\\s+)";
  /** "Chương I", "Chương II. TITLE", "CHƯƠNG III QUẢN LÝ ..." (a title in capitals may follow without a dot). */
  private static final Pattern CHAPTER = Pattern.compile(
      "^(Chương|CHƯƠNG|Chapter|CHAPTER)\\s+([IVXLC]+|\\d{1,3})(?:" + SEPARATOR + "(.*)|\\s+(\\p{Lu}[^\\p{Ll}]*))?$");
  private static final Pattern SECTION = Pattern.compile(
      "^(Mục|MỤC|Section|SECTION)\\s+(\\d{1,3}|[IVXLC]+)(?:" + SEPARATOR + "(.*)|\\s+(\\p{Lu}[^\\p{Ll}]*))?$");
  /** "Điều 5. Title", "Điều 12a. Title", "Article 5: Title", "Article 5 – Title"; never "Điều 5 của ...". */
  private static final Pattern ARTICLE = Pattern.compile(
      "^(Điều|ĐIỀU|Article|ARTICLE)\\s+(\\d{1,4})([a-z]?)" + SEPARATOR + "(.*)$");
  private static final Pattern CLAUSE = Pattern.compile("^(?:(\\d{1,3})\\.|\\((\\d{1,3})\\))(?:\\s+(.*))?$");
  /** "a)", "(b)", "đ)", and "dd)" as English translations of Vietnamese law write "đ)". */
  private static final Pattern POINT = Pattern.compile("^(?:\\((dd|[a-zđ])\\)|(dd|[a-zđ])\\))(?:\\s+(.*))?$");
  private static final Pattern MARKDOWN_HEADING = Pattern.compile("^#{1,6}\\s+");
  private static final Pattern BULLET_BEFORE_MARKER =
      Pattern.compile("^[-*+]\\s+(?=\\(?[a-zđ]\\)|\\(?\\d{1,3}[.)])");
  private static final Pattern ESCAPED_NUMBER = Pattern.compile("^(\\(?\\d{1,3})\\\\([.)])");
  private static final String SENTENCE_ENDS = ".;:!?…)\"”’»";

  private Splitter() {
  }

  /** The result: the preamble (may be empty) and the top-level parts. */
  public record Split(String preamble, List<Part> parts) {

    public Split {
      parts = List.copyOf(parts);
    }

    /** How many parts in all, at every depth. */
    public int size() {
      return count(parts);
    }

    private static int count(List<Part> parts) {
      return parts.stream().mapToInt(p -> 1 + count(p.children())).sum();
    }
  }

  /**
   * Splits {@code text}.
   *
   * @throws SplitException when the text is empty or malformed (the message says what and on which line)
   */
  public static Split split(String text) {
    List<String> lines = normalise(text == null ? "" : text).lines().map(Splitter::clean).toList();
    if (lines.stream().allMatch(String::isBlank)) {
      throw new SplitException("consultations.text.empty", "The text is empty: paste the policy text.");
    }
    boolean structured = lines.stream().anyMatch(
        l -> ARTICLE.matcher(l).matches() || CHAPTER.matcher(l).matches() || SECTION.matcher(l).matches());
    return new Run(structured).split(lines);
  }

  /**
   * The parts written out again as a text that splits into the same parts (Vietnamese headings, one paragraph a
   * part): what a moderator corrects when the text it came from was not kept.
   */
  public static String write(String preamble, List<Part> parts) {
    StringBuilder out = new StringBuilder(preamble == null ? "" : preamble.strip());
    write(parts, out);
    return out.toString().strip() + "\n";
  }

  private static void write(List<Part> parts, StringBuilder out) {
    for (Part part : parts) {
      String title = part.title().isEmpty() ? "" : ". " + part.title();
      String line = switch (part.kind()) {
        case CHAPTER -> "Chương " + part.number() + title;
        case SECTION -> "Mục " + part.number() + title;
        case ARTICLE -> "Điều " + part.number() + "." + (part.title().isEmpty() ? "" : " " + part.title());
        case CLAUSE -> part.number() + ". " + part.text();
        case POINT -> part.number() + ") " + part.text();
      };
      out.append("\n\n").append(line.strip());
      boolean heading = part.kind() != Part.Kind.CLAUSE && part.kind() != Part.Kind.POINT;
      if (heading && !part.text().isEmpty()) {
        out.append("\n\n").append(part.text());
      }
      write(part.children(), out);
    }
  }

  /** One pass over the lines: the open chapter, section, article, clause and point, and where text goes. */
  private static final class Run {

    private final boolean structured;
    private final List<Node> roots = new ArrayList<>();
    private final StringBuilder preamble = new StringBuilder();
    private final Map<String, Integer> headingLines = new HashMap<>();
    /** In a document of clauses, the stand-in article that holds them (its id prefix is empty). */
    private final Node plainRoot;
    private Node chapter;
    private Node section;
    private Node article;
    private Node clause;
    private Node point;
    private Node awaitingTitle;
    private int lastArticle;
    private String lastArticleSuffix = "";
    private boolean paragraphStart = true;
    private boolean blankBefore;
    private int count;

    Run(boolean structured) {
      this.structured = structured;
      this.plainRoot = structured ? null : new Node("", Part.Kind.ARTICLE, "", 0);
      this.article = plainRoot;
    }

    Split split(List<String> lines) {
      for (int i = 0; i < lines.size(); i++) {
        line(lines.get(i), i + 1);
      }
      if (structured) {
        checkEveryHeadingHasArticles(roots);
        return new Split(preamble.toString().strip(), roots.stream().map(Node::toPart).toList());
      }
      return plainSplit();
    }

    private void line(String line, int number) {
      if (line.isBlank()) {
        blankBefore = true;
        paragraphStart = true;
        return;
      }
      Matcher m;
      if (structured && (m = CHAPTER.matcher(line)).matches()) {
        String id = "c" + arabic(m.group(2));
        chapter = open(new Node(id, Part.Kind.CHAPTER, m.group(2), number), m.group(1) + " " + m.group(2), roots);
        section = null;
        closeArticle();
        heading(chapter, m.group(3) != null ? m.group(3) : m.group(4));
      } else if (structured && (m = SECTION.matcher(line)).matches()) {
        String id = (chapter == null ? "" : chapter.id + "-") + "m" + arabic(m.group(2));
        section = open(new Node(id, Part.Kind.SECTION, m.group(2), number), m.group(1) + " " + m.group(2),
            chapter == null ? roots : chapter.children);
        closeArticle();
        heading(section, m.group(3) != null ? m.group(3) : m.group(4));
      } else if (structured && (m = ARTICLE.matcher(line)).matches() && follows(m.group(2), m.group(3))) {
        awaitingTitle = null;
        lastArticle = Integer.parseInt(m.group(2));
        lastArticleSuffix = m.group(3);
        String written = m.group(2) + m.group(3);
        article = add(new Node("d" + written, Part.Kind.ARTICLE, written, number),
            section != null ? section.children : chapter != null ? chapter.children : roots);
        article.title = m.group(4).strip();
        clause = null;
        point = null;
        headingLine();
      } else if ((m = CLAUSE.matcher(line)).matches() && startsClause(m)) {
        int n = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
        article.lastClause = n;
        clause = add(new Node(prefix(article) + "k" + n, Part.Kind.CLAUSE, String.valueOf(n), number),
            article.children);
        point = null;
        text(clause, m.group(3));
      } else if ((m = POINT.matcher(line)).matches() && startsPoint(m)) {
        Node holder = clause != null ? clause : article;
        String letter = letter(m);
        holder.lastPoint = letter;
        String id = prefix(holder) + "p" + ("đ".equals(letter) ? "dd" : letter);
        point = add(new Node(id, Part.Kind.POINT, m.group(1) != null ? m.group(1) : m.group(2), number),
            holder.children);
        text(point, m.group(3));
      } else if (awaitingTitle != null) {
        awaitingTitle.title = line.strip();
        awaitingTitle = null;
        headingLine();
      } else {
        text(current(), line);
      }
    }

    private boolean follows(String digits, String suffix) {
      int n = Integer.parseInt(digits);
      if (n == lastArticle + 1 && suffix.isEmpty()) {
        return true;
      }
      return paragraphStart
          && (n > lastArticle || (n == lastArticle && suffix.compareTo(lastArticleSuffix) > 0));
    }

    private boolean startsClause(Matcher m) {
      if (article == null || !paragraphStart) {
        return false;
      }
      int n = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
      return n == article.lastClause + 1;
    }

    private boolean startsPoint(Matcher m) {
      Node holder = clause != null ? clause : article;
      if (holder == null || !paragraphStart) {
        return false;
      }
      String letter = letter(m);
      if (holder.lastPoint == null) {
        return "a".equals(letter);
      }
      return letter.equals(next(VI_LETTERS, holder.lastPoint)) || letter.equals(next(EN_LETTERS, holder.lastPoint));
    }

    /** The point's letter; "dd" (how English translations write "đ") is "đ", so both texts give the id pdd. */
    private static String letter(Matcher m) {
      String letter = m.group(1) != null ? m.group(1) : m.group(2);
      return "dd".equals(letter) ? "đ" : letter;
    }

    private Node open(Node node, String written, List<Node> into) {
      Integer before = headingLines.putIfAbsent(node.id, node.line);
      if (before != null) {
        throw new SplitException("consultations.text.duplicate",
            written + " appears twice (lines " + before + " and " + node.line + ").");
      }
      return add(node, into);
    }

    private Node add(Node node, List<Node> into) {
      if (++count > MAX_PARTS) {
        throw new SplitException("consultations.text.tooLong",
            "The text has more than " + MAX_PARTS + " parts (line " + node.line + "): is it one document?");
      }
      into.add(node);
      return node;
    }

    private void heading(Node node, String title) {
      if (title == null || title.isBlank()) {
        awaitingTitle = node;
      } else {
        node.title = title.strip();
        awaitingTitle = null;
      }
      headingLine();
    }

    private void headingLine() {
      paragraphStart = true;
      blankBefore = false;
    }

    private void closeArticle() {
      article = null;
      clause = null;
      point = null;
    }

    private Node current() {
      if (point != null) {
        return point;
      }
      if (clause != null) {
        return clause;
      }
      if (article != null) {
        return article;
      }
      if (section != null) {
        return section;
      }
      return chapter;
    }

    private void text(Node node, String text) {
      String line = text == null ? "" : text.strip();
      StringBuilder into = node == null ? preamble : node.text;
      if (!line.isEmpty()) {
        if (!into.isEmpty()) {
          into.append(blankBefore ? "\n\n" : "\n");
        }
        into.append(line);
      }
      blankBefore = false;
      paragraphStart = line.isEmpty() || SENTENCE_ENDS.indexOf(line.charAt(line.length() - 1)) >= 0;
    }

    private void checkEveryHeadingHasArticles(List<Node> nodes) {
      for (Node node : nodes) {
        if (node.kind == Part.Kind.CHAPTER || node.kind == Part.Kind.SECTION) {
          if (!hasArticle(node)) {
            String what = node.kind == Part.Kind.CHAPTER ? "Chapter " : "Section ";
            throw new SplitException("consultations.text.emptyHeading",
                what + node.number + " (line " + node.line + ") has no article: an article starts with a line"
                    + " such as \"Điều 5. Title\" or \"Article 5. Title\".");
          }
          checkEveryHeadingHasArticles(node.children);
        }
      }
    }

    private static boolean hasArticle(Node node) {
      return node.children.stream().anyMatch(c -> c.kind == Part.Kind.ARTICLE || hasArticle(c));
    }

    /** A document of clauses: its numbered clauses, else its paragraphs, are the parts. */
    private Split plainSplit() {
      String before = plainRoot.text.toString().strip();
      if (!plainRoot.children.isEmpty()) {
        String intro = (preamble + "\n\n" + before).strip();
        return new Split(intro, plainRoot.children.stream().map(Node::toPart).toList());
      }
      List<Part> paragraphs = new ArrayList<>();
      for (String paragraph : before.split("\n\\s*\n")) {
        int n = paragraphs.size() + 1;
        paragraphs.add(new Part("k" + n, Part.Kind.CLAUSE, String.valueOf(n), "", paragraph.strip(), List.of()));
        if (n > MAX_PARTS) {
          throw new SplitException("consultations.text.tooLong",
              "The text has more than " + MAX_PARTS + " paragraphs: is it one document?");
        }
      }
      return new Split(preamble.toString().strip(), paragraphs);
    }

    private static String prefix(Node node) {
      return node.id.isEmpty() ? "" : node.id + "-";
    }
  }

  /** A part while it is being read. */
  private static final class Node {
    final String id;
    final Part.Kind kind;
    final String number;
    final int line;
    final StringBuilder text = new StringBuilder();
    final List<Node> children = new ArrayList<>();
    String title = "";
    int lastClause;
    String lastPoint;

    Node(String id, Part.Kind kind, String number, int line) {
      this.id = id.toLowerCase(Locale.ROOT);
      this.kind = kind;
      this.number = number;
      this.line = line;
    }

    Part toPart() {
      return new Part(id, kind, number, title, text.toString().strip(), children.stream().map(Node::toPart).toList());
    }
  }

  static String next(String alphabet, String letter) {
    int i = alphabet.indexOf(letter);
    return i < 0 || i + 1 >= alphabet.length() ? null : String.valueOf(alphabet.charAt(i + 1));
  }

  /** NFC (pasted Vietnamese is often decomposed), LF line ends, no-break and odd spaces as spaces. */
  static String normalise(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFC)
        .replace("\r\n", "\n").replace('\r', '\n')
        .replace("\uFEFF", "").replace("\u200B", "")
        .replaceAll("[\\u00A0\\u2007\\u202F\\t]", " ");
  }

  /** The line as the markers see it: without Markdown's heading marks, emphasis, escapes and list bullets. */
  static String clean(String line) {
    String s = line.strip();
    s = MARKDOWN_HEADING.matcher(s).replaceFirst("");
    s = s.replace("**", "").replace("__", "").strip();
    s = BULLET_BEFORE_MARKER.matcher(s).replaceFirst("");
    s = ESCAPED_NUMBER.matcher(s).replaceFirst("$1$2");
    return s;
  }

  /** "IV" → 4, "12" → 12. */
  static int arabic(String number) {
    if (Character.isDigit(number.charAt(0))) {
      return Integer.parseInt(number);
    }
    int total = 0;
    int previous = 0;
    for (int i = number.length() - 1; i >= 0; i--) {
      int value = switch (number.charAt(i)) {
        case 'I' -> 1;
        case 'V' -> 5;
        case 'X' -> 10;
        case 'L' -> 50;
        default -> 100;
      };
      total += value < previous ? -value : value;
      previous = Math.max(previous, value);
    }
    return total;
  }
}
