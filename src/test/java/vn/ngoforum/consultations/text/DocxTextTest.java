package vn.ngoforum.consultations.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DocxTextTest {

  @Test
  @DisplayName("a Word decree splits like the pasted one: typed headings, automatically numbered clauses and points")
  void decree() {
    String text = DocxText.read(DecreeDocx.decree());
    assertTrue(text.contains("\n\n1. Động vật rừng là"), "Word's automatic number in front, as if typed");
    assertTrue(text.contains("\n\na) Chuồng, trại"), "the second level as a) b)");
    assertTrue(text.contains("Mẫu số | Tên mẫu"), "a table row as its cells");

    Splitter.Split split = Splitter.split(text);
    assertTrue(split.preamble().startsWith("CHÍNH PHỦ"), split.preamble());
    assertEquals(List.of("c1", "c2"), split.parts().stream().map(Part::id).toList());
    assertEquals("NHỮNG QUY ĐỊNH CHUNG", split.parts().get(0).title());
    Part d2 = SplitterTest.find(split.parts(), "d2");
    assertEquals("Giải thích từ ngữ", d2.title());
    assertEquals(List.of("d2-k1", "d2-k2"), ids(d2), "numbering restarts for each article");
    assertTrue(SplitterTest.find(split.parts(), "d2-k2").text().contains("khoản 2 Điều 5 của Nghị định này"),
        "a cross-reference stays inside its clause");
    assertEquals(List.of("d3-k1", "d3-k2"), ids(SplitterTest.find(split.parts(), "d3")));
    assertEquals(List.of("d3-k1-pa", "d3-k1-pb"), ids(SplitterTest.find(split.parts(), "d3-k1")));
    assertEquals(List.of("d4-pa", "d4-pb", "d4-pc", "d4-pd", "d4-pdd"), ids(SplitterTest.find(split.parts(), "d4")),
        "typed points a) to đ)");
    assertTrue(SplitterTest.find(split.parts(), "d4-pdd").text().contains("điểm a khoản 2 Điều 5"));
    assertEquals(List.of("d5-k1", "d5-k2"), ids(SplitterTest.find(split.parts(), "d5")));
    assertEquals(List.of("d5-k2-pa", "d5-k2-pb"), ids(SplitterTest.find(split.parts(), "d5-k2")));
    assertEquals("c2-m1", SplitterTest.find(split.parts(), "c2").children().get(0).id());
  }

  @Test
  @DisplayName("Word's number formats are written as Word shows them: Roman numerals, letters, zero-padded")
  void wordFormats() {
    assertEquals("IV", DocxText.formatted(4, "upperRoman"));
    assertEquals("xii", DocxText.formatted(12, "lowerRoman"));
    assertEquals("e", DocxText.formatted(5, "lowerLetter"));
    assertEquals("AA", DocxText.formatted(27, "upperLetter"));
    assertEquals("07", DocxText.formatted(7, "decimalZero"));
    assertEquals("3", DocxText.formatted(3, "decimal"));
  }

  @Test
  @DisplayName("a file that is not a readable Word document is refused with a message saying what it is")
  void badFiles() throws IOException {
    assertEquals("consultations.file.empty", refused(new byte[0]));
    assertEquals("consultations.file.notDocx", refused("Điều 1. Không phải Word".getBytes(StandardCharsets.UTF_8)));
    assertEquals("consultations.file.notDocx", refused(xlsx()), "a spreadsheet is a zip too, but not a document");
    assertEquals("consultations.file.encrypted", refused(DecreeDocx.encrypted(DecreeDocx.decree())));
    assertEquals("consultations.file.oldWord", refused(oldWord()));
    assertEquals("consultations.file.tooBig", refused(new byte[DocxText.MAX_BYTES + 1]));
    assertEquals("consultations.file.noText", refused(DecreeDocx.paragraphs(List.of("", "  "))));
    SplitException encrypted = assertThrows(SplitException.class,
        () -> DocxText.read(DecreeDocx.encrypted(DecreeDocx.decree())));
    assertTrue(encrypted.getMessage().contains("password"), encrypted.getMessage());
  }

  private static String refused(byte[] file) {
    return assertThrows(SplitException.class, () -> DocxText.read(file)).messageKey();
  }

  private static byte[] xlsx() throws IOException {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      book.createSheet("Tổ chức").createRow(0).createCell(0).setCellValue("Điều 1. A");
      book.write(out);
      return out.toByteArray();
    }
  }

  /** An OLE2 file as Word 97-2003 writes one (its text stream is not read: the name is enough). */
  private static byte[] oldWord() throws IOException {
    try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      fs.createDocument(new java.io.ByteArrayInputStream(new byte[64]), "WordDocument");
      fs.writeFilesystem(out);
      return out.toByteArray();
    }
  }

  private static List<String> ids(Part part) {
    return part.children().stream().map(Part::id).toList();
  }
}
