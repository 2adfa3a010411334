package vn.ngoforum.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DocumentWritersTest {

  private static final String ARTICLE = "Điều 5. Nghiêm cấm";
  private static final String POINT = "đ) Quảng cáo, giới thiệu, mua bán động vật hoang dã nguy cấp, quý, hiếm.";

  private static Document decree() {
    return Document.titled("Góp ý dự thảo Nghị định về quản lý động vật hoang dã")
        .subtitle("Gửi Bộ Nông nghiệp và Môi trường")
        .heading(1, ARTICLE)
        .paragraph(Document.Text.bold("Quy định hiện hành: "), Document.Text.plain("Nghiêm cấm các hành vi sau:"))
        .quote(POINT)
        .list(true, List.of("Trung tâm Bảo tồn Thiên nhiên Việt (Hà Nội)", "Hội Động vật học (Thừa Thiên Huế)"))
        .table(List.of("STT", "Tổ chức", "Tỉnh/thành"), List.of(List.of("1", "Cứu hộ Động vật hoang dã", "Ninh Bình")));
  }

  @Test
  @DisplayName("the Word file holds the Vietnamese text with its diacritics: headings, points, lists and tables")
  void docxHasVietnamese() throws IOException {
    String text = docxText(DocumentFormat.DOCX.write(decree()));
    assertTrue(text.contains(ARTICLE), text);
    assertTrue(text.contains("đ) Quảng cáo"), text);
    assertTrue(text.contains("Hội Động vật học (Thừa Thiên Huế)"), text);
    assertTrue(text.contains("Cứu hộ Động vật hoang dã"), text);
    assertTrue(text.contains("Gửi Bộ Nông nghiệp và Môi trường"), text);
  }

  @Test
  @DisplayName("the PDF prints Vietnamese with its diacritics, in an embedded subset of DejaVu Sans")
  void pdfHasVietnamese() throws IOException {
    byte[] bytes = DocumentFormat.PDF.write(decree());
    try (PDDocument pdf = Loader.loadPDF(bytes)) {
      String text = new PDFTextStripper().getText(pdf);
      assertTrue(text.contains(ARTICLE), text);
      assertTrue(text.contains("đ) Quảng cáo"), text);
      assertTrue(text.contains("Ninh Bình"), text);
      assertEquals("Góp ý dự thảo Nghị định về quản lý động vật hoang dã", pdf.getDocumentInformation().getTitle());
      List<String> fonts = new ArrayList<>();
      for (var name : pdf.getPage(0).getResources().getFontNames()) {
        PDFont font = pdf.getPage(0).getResources().getFont(name);
        fonts.add(font.getName());
        assertTrue(font.isEmbedded(), font.getName());
      }
      assertTrue(fonts.stream().allMatch(name -> name.matches("[A-Z]{6}\\+DejaVuSans.*")), fonts.toString());
    }
    assertTrue(bytes.length < 200_000, "only the used glyphs are embedded: " + bytes.length + " bytes");
  }

  @Test
  @DisplayName("a long text wraps inside the margins and runs over several numbered pages, nothing lost")
  void wrapsAndBreaksPages() throws IOException {
    Document long_ = Document.titled("Dài").paragraph("Mộttừrấtdàikhôngcókhoảngtrắng".repeat(12));
    for (int i = 1; i <= 120; i++) {
      long_.paragraph("Khoản " + i + ". Tổ chức, cá nhân nuôi động vật rừng thông thường phải bảo đảm nguồn gốc hợp"
          + " pháp, chuồng trại phù hợp và vệ sinh môi trường theo quy định của pháp luật về thú y.");
    }
    try (PDDocument pdf = Loader.loadPDF(DocumentFormat.PDF.write(long_))) {
      assertTrue(pdf.getNumberOfPages() >= 4, "pages: " + pdf.getNumberOfPages());
      String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
      assertTrue(text.contains("Khoản 1. Tổ chức"), text);
      assertTrue(text.contains("Khoản 120. Tổ chức"), text);
      assertTrue(text.contains("theo quy định của pháp luật về thú y."), text);
      assertTrue(text.contains("1 / " + pdf.getNumberOfPages()), "page numbers");
      assertTrue(text.replace(" ", "").contains("Mộttừrấtdàikhôngcókhoảngtrắng".repeat(12)), "a word wider than a line");
    }
  }

  @Test
  @DisplayName("decomposed diacritics print as their composed letters; a character the font lacks prints as ?")
  void oddCharacters() throws IOException {
    String decomposed = Normalizer.normalize("Điều 5. Nghiêm cấm", Normalizer.Form.NFD);
    Document doc = Document.titled("T").paragraph(decomposed + " \uD83E\uDD8E tê tê\tđ)\u0007");
    try (PDDocument pdf = Loader.loadPDF(DocumentFormat.PDF.write(doc))) {
      String text = new PDFTextStripper().getText(pdf);
      assertTrue(text.contains(ARTICLE), text);
      assertTrue(text.contains("? tê tê"), text);
      assertTrue(text.contains("đ)"), text);
    }
    assertTrue(docxText(DocumentFormat.DOCX.write(doc)).contains("tê tê"));
  }

  @Test
  @DisplayName("a table row with the wrong number of cells, or a heading level 4, is refused when the document is built")
  void badStructure() {
    assertThrows(IllegalArgumentException.class,
        () -> Document.titled("T").table(List.of("a", "b"), List.of(List.of("1"))));
    assertThrows(IllegalArgumentException.class, () -> Document.titled("T").heading(4, "x"));
    assertEquals(DocumentFormat.PDF, DocumentFormat.named("PDF").orElseThrow());
    assertTrue(DocumentFormat.named("odt").isEmpty());
  }

  private static String docxText(byte[] bytes) throws IOException {
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(bytes));
        XWPFWordExtractor extractor = new XWPFWordExtractor(docx)) {
      return extractor.getText();
    }
  }
}
