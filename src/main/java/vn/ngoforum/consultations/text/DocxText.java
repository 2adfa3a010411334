package vn.ngoforum.consultations.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNum;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTNumLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTNumPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrBase;

/**
 * A Word draft (DOCX) as the plain text the {@link Splitter} reads: one paragraph a line, a blank line between
 * paragraphs (a Word paragraph is a real paragraph, never a wrapped line), table rows as their cells joined by
 * " | ". Word drafts often number clauses and points with automatic numbering rather than typed text; that
 * number is not in a paragraph's text, so it is worked out here from the document's numbering definitions
 * (the level's format and text such as {@code "%1."} or {@code "%2)"}, counted per list definition and level as
 * Word counts, deeper levels restarting, a list with a start override restarting) and put in front, as if typed: "1. ...", "a) ...", "Điều 5. ..." when the list's text is "Điều %1.".
 *
 * <p>A file that is not one fails with a {@link SplitException} saying what it is instead: empty, a password
 * protected document, an old Word 97-2003 file, not a Word document at all, or one whose text is empty. Blocking
 * work (POI reads the whole file): callers run it off the event loop.
 */
public final class DocxText {

  /** What a DOCX upload may weigh: a long decree with its appendices is well under 1 MB. */
  public static final int MAX_BYTES = 5 * 1024 * 1024;

  private DocxText() {
  }

  /** The text of the DOCX file {@code bytes}; a {@link SplitException} (for the field "file") when it is not one. */
  public static String read(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw fail("consultations.file.empty", "The file is empty: choose the draft as a Word (.docx) file.");
    }
    if (bytes.length > MAX_BYTES) {
      throw fail("consultations.file.tooBig", "The file is larger than " + (MAX_BYTES / (1024 * 1024))
          + " MB: is it one draft? Remove pictures or send the text.");
    }
    FileMagic magic;
    try {
      magic = FileMagic.valueOf(bytes);
    } catch (RuntimeException e) {
      magic = FileMagic.UNKNOWN;
    }
    if (magic == FileMagic.OLE2) {
      throw encrypted(bytes)
          ? fail("consultations.file.encrypted", "The file is protected by a password: save it without one.")
          : fail("consultations.file.oldWord", "This is a Word 97-2003 file (.doc): save it as .docx.");
    }
    if (magic != FileMagic.OOXML) {
      throw notDocx();
    }
    String text;
    try (InputStream in = new ByteArrayInputStream(bytes); XWPFDocument document = new XWPFDocument(in)) {
      text = new Reader(document).text();
    } catch (IOException | RuntimeException e) {
      throw notDocx();
    }
    if (text.isBlank()) {
      throw fail("consultations.file.noText", "The Word file has no text.");
    }
    return text;
  }

  private static boolean encrypted(byte[] bytes) {
    try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(bytes))) {
      return fs.getRoot().getEntryNames().contains("EncryptedPackage");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static SplitException notDocx() {
    return fail("consultations.file.notDocx", "The file is not a Word document (.docx).");
  }

  private static SplitException fail(String key, String message) {
    return new SplitException(key, message);
  }

  /** One pass over the body: paragraphs and tables in order, list counters as Word keeps them. */
  private static final class Reader {

    private final XWPFDocument document;
    private final XWPFNumbering numbering;
    /** Per list definition (abstractNumId): the current number of each level, 0 before the level's first item. */
    private final Map<BigInteger, int[]> counters = new HashMap<>();
    /** The lists (numId) met so far: a list that restarts a level does so where it is first used. */
    private final Set<BigInteger> seen = new HashSet<>();
    private final List<String> paragraphs = new ArrayList<>();

    Reader(XWPFDocument document) {
      this.document = document;
      this.numbering = document.getNumbering();
    }

    String text() {
      for (IBodyElement element : document.getBodyElements()) {
        if (element instanceof XWPFParagraph paragraph) {
          paragraph(paragraph);
        } else if (element instanceof XWPFTable table) {
          table(table);
        }
      }
      return String.join("\n\n", paragraphs);
    }

    private void paragraph(XWPFParagraph paragraph) {
      String text = paragraph.getText().strip();
      String number = number(paragraph);
      if (text.isEmpty() && number.isEmpty()) {
        return;
      }
      paragraphs.add(number.isEmpty() ? text : (number + " " + text).strip());
    }

    private void table(XWPFTable table) {
      for (XWPFTableRow row : table.getRows()) {
        List<String> cells = new ArrayList<>();
        for (XWPFTableCell cell : row.getTableCells()) {
          cells.add(cell.getText().strip().replaceAll("\\s*\\n\\s*", " "));
        }
        String line = String.join(" | ", cells).strip();
        if (!line.replace("|", "").isBlank()) {
          paragraphs.add(line);
        }
      }
    }

    /** The paragraph's automatic number as Word shows it ("1.", "b)", "Điều 5."), or "" when it has none. */
    private String number(XWPFParagraph paragraph) {
      CTNumPr numPr = numPr(paragraph);
      if (numPr == null || numPr.getNumId() == null || numbering == null) {
        return "";
      }
      BigInteger numId = numPr.getNumId().getVal();
      if (numId == null || numId.signum() == 0) {
        return "";
      }
      int level = numPr.getIlvl() == null ? 0 : numPr.getIlvl().getVal().intValue();
      XWPFNum num = numbering.getNum(numId);
      if (num == null || num.getCTNum().getAbstractNumId() == null || level < 0 || level > 8) {
        return "";
      }
      BigInteger abstractId = num.getCTNum().getAbstractNumId().getVal();
      XWPFAbstractNum abstractNum = numbering.getAbstractNum(abstractId);
      if (abstractNum == null) {
        return "";
      }
      CTLvl[] levels = abstractNum.getCTAbstractNum().getLvlArray();
      // As Word counts: the lists of one definition continue each other, unless a list restarts a level.
      int[] counts = counters.computeIfAbsent(abstractId, id -> new int[9]);
      if (seen.add(numId)) {
        for (CTNumLvl override : num.getCTNum().getLvlOverrideArray()) {
          if (override.isSetStartOverride() && override.getIlvl() != null) {
            Arrays.fill(counts, Math.min(8, override.getIlvl().intValue()), counts.length, 0);
          }
        }
      }
      counts[level] = counts[level] == 0 ? start(num, lvl(levels, level), level) : counts[level] + 1;
      for (int deeper = level + 1; deeper < counts.length; deeper++) {
        counts[deeper] = 0;
      }
      CTLvl lvl = lvl(levels, level);
      if (lvl == null || lvl.getLvlText() == null || "bullet".equals(format(lvl))) {
        return "";
      }
      StringBuilder shown = new StringBuilder();
      String pattern = lvl.getLvlText().getVal();
      for (int i = 0; i < pattern.length(); i++) {
        char c = pattern.charAt(i);
        if (c == '%' && i + 1 < pattern.length() && Character.isDigit(pattern.charAt(i + 1))) {
          int of = pattern.charAt(++i) - '1';
          if (of >= 0 && of <= level) {
            CTLvl ofLevel = lvl(levels, of);
            shown.append(formatted(counts[of] == 0 ? start(num, ofLevel, of) : counts[of], format(ofLevel)));
          }
        } else {
          shown.append(c);
        }
      }
      return shown.toString().strip();
    }

    /** The paragraph's own list, else its style's (Word's "List Number" and heading styles carry one). */
    private CTNumPr numPr(XWPFParagraph paragraph) {
      CTNumPr own = numPr(paragraph.getCTP().getPPr());
      if (own != null || paragraph.getStyleID() == null || document.getStyles() == null) {
        return own;
      }
      XWPFStyle style = document.getStyles().getStyle(paragraph.getStyleID());
      return style == null || style.getCTStyle() == null ? null : numPr(style.getCTStyle().getPPr());
    }

    private static CTNumPr numPr(CTPPrBase properties) {
      return properties == null || !properties.isSetNumPr() ? null : properties.getNumPr();
    }

    private static CTLvl lvl(CTLvl[] levels, int level) {
      for (CTLvl lvl : levels) {
        if (lvl.getIlvl() != null && lvl.getIlvl().intValue() == level) {
          return lvl;
        }
      }
      return level < levels.length ? levels[level] : null;
    }

    /** Where a level starts counting: the list's override (a list restarted at 1 per article), else its own. */
    private static int start(XWPFNum num, CTLvl lvl, int level) {
      for (CTNumLvl override : num.getCTNum().getLvlOverrideArray()) {
        if (override.getIlvl() != null && override.getIlvl().intValue() == level && override.isSetStartOverride()) {
          return override.getStartOverride().getVal().intValue();
        }
      }
      return lvl == null || lvl.getStart() == null ? 1 : lvl.getStart().getVal().intValue();
    }

    private static String format(CTLvl lvl) {
      return lvl == null || lvl.getNumFmt() == null ? "decimal" : lvl.getNumFmt().getVal().toString();
    }
  }

  /** {@code n} in Word's number format: decimal, letters, Roman numerals (anything else as decimal). */
  static String formatted(int n, String format) {
    return switch (format) {
      case "lowerLetter" -> letters(n).toLowerCase(Locale.ROOT);
      case "upperLetter" -> letters(n);
      case "lowerRoman" -> roman(n).toLowerCase(Locale.ROOT);
      case "upperRoman" -> roman(n);
      case "decimalZero" -> n < 10 ? "0" + n : String.valueOf(n);
      case "none" -> "";
      default -> String.valueOf(n);
    };
  }

  /** Word's letters: A..Z, then AA..ZZ, then AAA... */
  private static String letters(int n) {
    if (n <= 0) {
      return String.valueOf(n);
    }
    char letter = (char) ('A' + (n - 1) % 26);
    return String.valueOf(letter).repeat((n - 1) / 26 + 1);
  }

  private static String roman(int n) {
    if (n <= 0 || n >= 4000) {
      return String.valueOf(n);
    }
    int[] values = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    String[] symbols = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
    StringBuilder roman = new StringBuilder();
    int rest = n;
    for (int i = 0; i < values.length; i++) {
      while (rest >= values[i]) {
        roman.append(symbols[i]);
        rest -= values[i];
      }
    }
    return roman.toString();
  }
}
