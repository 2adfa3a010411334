package vn.ngoforum.consultations.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

public class SplitterTest {

  /** A draft decree in the style of the government's, with the usual preamble, chapters, sections and cross-refs. */
  public static final String DECREE = """
      CHÍNH PHỦ
      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
      Độc lập - Tự do - Hạnh phúc

      DỰ THẢO NGHỊ ĐỊNH
      Quy định về quản lý thực vật rừng, động vật rừng nguy cấp, quý, hiếm

      Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;
      Căn cứ Luật Lâm nghiệp ngày 15 tháng 11 năm 2017;

      Chương I
      NHỮNG QUY ĐỊNH CHUNG

      Điều 1. Phạm vi điều chỉnh
      Nghị định này quy định về quản lý thực vật rừng, động vật rừng nguy cấp, quý, hiếm.

      Điều 2. Giải thích từ ngữ
      Trong Nghị định này, các từ ngữ dưới đây được hiểu như sau:
      1. Động vật rừng là các loài động vật sống trong hệ sinh thái rừng.
      2. Mẫu vật là động vật, thực vật còn sống hoặc đã chết, trứng, ấu trùng, bộ phận, dẫn xuất của chúng
      theo quy định tại khoản 1 Điều này và điểm a khoản 2 Điều 5 của Nghị định này.
      3. Cơ sở nuôi là nơi nuôi sinh trưởng, nuôi sinh sản động vật rừng theo
      Điều 5. Nghị định này quy định.

      Chương II
      QUẢN LÝ ĐỘNG VẬT RỪNG

      Mục 1. NUÔI ĐỘNG VẬT RỪNG

      Điều 3. Điều kiện nuôi
      1. Cơ sở nuôi phải đáp ứng các điều kiện sau:
      a) Chuồng, trại phù hợp với đặc tính của loài nuôi;
      b) Bảo đảm an toàn cho người và vật nuôi;
      c) Bảo đảm vệ sinh môi trường, phòng ngừa dịch bệnh theo quy định tại điểm a) và
      b) khoản này;
      d) Có nguồn gốc hợp pháp;
      đ) Có sổ theo dõi nuôi theo Mẫu số 16 tại Phụ lục ban hành kèm theo Nghị định này;
      e) Đăng ký với cơ quan kiểm lâm sở tại.
      2. Tổ chức, cá nhân nuôi có trách nhiệm thực hiện quy định tại khoản 1 Điều này.

      Mục 2. XỬ LÝ VI PHẠM

      Điều 4. Các hành vi bị nghiêm cấm
      Nghiêm cấm các hành vi sau đây:
      a) Săn, bắt, giết động vật rừng nguy cấp, quý, hiếm;
      b) Vận chuyển, buôn bán trái phép mẫu vật quy định tại Điều 3 của Nghị định này.

      Điều 5. Tịch thu và xử lý mẫu vật
      Điều 5 của Luật Lâm nghiệp được áp dụng như sau:
      1. Mẫu vật bị tịch thu được xử lý theo thứ tự ưu tiên tại khoản 2 Điều này.
      2. Thứ tự ưu tiên:
      a) Thả về môi trường tự nhiên;
      b) Chuyển giao cho cơ sở cứu hộ.

      Chương III
      ĐIỀU KHOẢN THI HÀNH

      Điều 6. Hiệu lực thi hành
      Nghị định này có hiệu lực từ ngày 01 tháng 01 năm 2027.
      """;

  public static final String ENGLISH = """
      # DRAFT DECREE on the management of endangered, precious and rare forest animals

      Pursuant to the Law on Forestry dated 15 November 2017;

      ## Chapter I
      GENERAL PROVISIONS

      **Article 1. Scope**
      This Decree governs the management of endangered, precious and rare forest animals.

      ## Chapter II. MANAGEMENT OF FOREST ANIMALS

      ### Section 1. Farming

      **Article 2. Conditions for farming**

      1. A farm shall meet the following conditions:

      (a) cages suited to the species;
      (b) safety for people and animals, as required by points (a) and
      (b) of clause 2 of Article 5;
      (c) a lawful origin;
      (d) a register kept in Form 16;
      (e) registration with the local forest protection office;
      (f) a veterinary plan.

      2. Farms shall comply with clause 1 of this Article and
      Article 1. of this Decree.
      """;

  @Test
  @DisplayName("a decree's chapters, sections, articles, clauses and points a) to đ) come out as one tree")
  void decreeStructure() {
    Splitter.Split split = Splitter.split(DECREE);

    assertTrue(split.preamble().startsWith("CHÍNH PHỦ"), split.preamble());
    assertTrue(split.preamble().endsWith("Căn cứ Luật Lâm nghiệp ngày 15 tháng 11 năm 2017;"), split.preamble());
    assertEquals(List.of("c1", "c2", "c3"), map(split.parts(), Part::id));
    Part chapter1 = split.parts().get(0);
    assertEquals(Part.Kind.CHAPTER, chapter1.kind());
    assertEquals("I", chapter1.number());
    assertEquals("NHỮNG QUY ĐỊNH CHUNG", chapter1.title());
    assertEquals(List.of("d1", "d2"), map(chapter1.children(), Part::id));

    Part article1 = chapter1.children().get(0);
    assertEquals(Part.Kind.ARTICLE, article1.kind());
    assertEquals("Phạm vi điều chỉnh", article1.title());
    assertEquals("Nghị định này quy định về quản lý thực vật rừng, động vật rừng nguy cấp, quý, hiếm.",
        article1.text());
    assertEquals(List.of(), article1.children());

    Part chapter2 = split.parts().get(1);
    assertEquals(List.of("c2-m1", "c2-m2"), map(chapter2.children(), Part::id));
    assertEquals(List.of("NUÔI ĐỘNG VẬT RỪNG", "XỬ LÝ VI PHẠM"), map(chapter2.children(), Part::title));
    assertEquals(Part.Kind.SECTION, chapter2.children().get(0).kind());
    Part article3 = chapter2.children().get(0).children().get(0);
    assertEquals("d3", article3.id());
    assertEquals("Điều kiện nuôi", article3.title());
    assertEquals(List.of("d3-k1", "d3-k2"), map(article3.children(), Part::id));
    Part clause1 = article3.children().get(0);
    assertEquals(Part.Kind.CLAUSE, clause1.kind());
    assertEquals("Cơ sở nuôi phải đáp ứng các điều kiện sau:", clause1.text());
    assertEquals(List.of("d3-k1-pa", "d3-k1-pb", "d3-k1-pc", "d3-k1-pd", "d3-k1-pdd", "d3-k1-pe"),
        map(clause1.children(), Part::id));
    assertEquals(List.of("a", "b", "c", "d", "đ", "e"), map(clause1.children(), Part::number));
    assertEquals(Part.Kind.POINT, clause1.children().get(4).kind());
    assertEquals("Có sổ theo dõi nuôi theo Mẫu số 16 tại Phụ lục ban hành kèm theo Nghị định này;",
        clause1.children().get(4).text());

    Part chapter3 = split.parts().get(2);
    assertEquals("ĐIỀU KHOẢN THI HÀNH", chapter3.title());
    assertEquals(List.of("d6"), map(chapter3.children(), Part::id));
    assertEquals(List.of("d4", "d5"), map(chapter2.children().get(1).children(), Part::id));
  }

  @Test
  @DisplayName("cross-references inside sentences start no clause, point or article, even on a wrapped line")
  void crossReferences() {
    Splitter.Split split = Splitter.split(DECREE);
    Part article2 = find(split.parts(), "d2");

    assertEquals("Trong Nghị định này, các từ ngữ dưới đây được hiểu như sau:", article2.text());
    assertEquals(List.of("d2-k1", "d2-k2", "d2-k3"), map(article2.children(), Part::id));
    assertEquals("""
        Mẫu vật là động vật, thực vật còn sống hoặc đã chết, trứng, ấu trùng, bộ phận, dẫn xuất của chúng
        theo quy định tại khoản 1 Điều này và điểm a khoản 2 Điều 5 của Nghị định này.""",
        find(split.parts(), "d2-k2").text());
    // "Điều 5." opening a line wrapped inside a sentence of article 2 is text; the draft's own article 5 is d5.
    assertEquals("Cơ sở nuôi là nơi nuôi sinh trưởng, nuôi sinh sản động vật rừng theo\nĐiều 5. Nghị định này quy"
        + " định.", find(split.parts(), "d2-k3").text());
    assertEquals("Tịch thu và xử lý mẫu vật", find(split.parts(), "d5").title());
    // "b) khoản này;" continues a sentence ("điểm a) và"), so it is no point; d) follows c) all the same.
    assertEquals("Bảo đảm vệ sinh môi trường, phòng ngừa dịch bệnh theo quy định tại điểm a) và\nb) khoản này;",
        find(split.parts(), "d3-k1-pc").text());
    assertEquals(6, find(split.parts(), "d3-k1").children().size());
    // "Điều 5 của Luật ..." opening a line, without the heading's dot, is the article's text.
    Part article5 = find(split.parts(), "d5");
    assertEquals("Điều 5 của Luật Lâm nghiệp được áp dụng như sau:", article5.text());
    assertEquals(List.of("d5-k1", "d5-k2"), map(article5.children(), Part::id));
    assertEquals("Mẫu vật bị tịch thu được xử lý theo thứ tự ưu tiên tại khoản 2 Điều này.",
        find(split.parts(), "d5-k1").text());
    assertEquals(List.of("d5-k2-pa", "d5-k2-pb"), map(find(split.parts(), "d5-k2").children(), Part::id));
  }

  @Test
  @DisplayName("a line wrapped mid-sentence that begins with the very next marker stays in its sentence")
  void wrappedNextMarker() {
    Splitter.Split split = Splitter.split("""
        Điều 7. Cứu hộ
        1. Cơ sở cứu hộ tiếp nhận mẫu vật theo quy định tại khoản
        2. Điều 5 và điểm
        a) khoản 1 Điều 3 của Nghị định này.
        2. Cơ sở cứu hộ phải:
        a) Báo cáo theo quy định tại điểm
        b) khoản 1 Điều này;
        b) Lưu hồ sơ.
        """);
    Part article = split.parts().get(0);
    assertEquals(List.of("d7-k1", "d7-k2"), map(article.children(), Part::id));
    assertEquals("Cơ sở cứu hộ tiếp nhận mẫu vật theo quy định tại khoản\n2. Điều 5 và điểm\na) khoản 1 Điều 3 của"
        + " Nghị định này.", article.children().get(0).text());
    assertEquals(List.of(), article.children().get(0).children());
    assertEquals(List.of("d7-k2-pa", "d7-k2-pb"), map(article.children().get(1).children(), Part::id));
    assertEquals("Báo cáo theo quy định tại điểm\nb) khoản 1 Điều này;",
        article.children().get(1).children().get(0).text());
    assertEquals("Lưu hồ sơ.", article.children().get(1).children().get(1).text());
  }

  @Test
  @DisplayName("points may hang directly from an article that has no clauses")
  void pointsUnderAnArticle() {
    Part article4 = find(Splitter.split(DECREE).parts(), "d4");
    assertEquals("Nghiêm cấm các hành vi sau đây:", article4.text());
    assertEquals(List.of("d4-pa", "d4-pb"), map(article4.children(), Part::id));
    assertEquals("Vận chuyển, buôn bán trái phép mẫu vật quy định tại Điều 3 của Nghị định này.",
        article4.children().get(1).text());
  }

  @Test
  @DisplayName("the English text with Markdown headings, bold and (a) points splits with the same kinds of ids")
  void english() {
    Splitter.Split split = Splitter.split(ENGLISH);

    assertTrue(split.preamble().startsWith("DRAFT DECREE"), split.preamble());
    assertTrue(split.preamble().endsWith("Pursuant to the Law on Forestry dated 15 November 2017;"));
    assertEquals(List.of("c1", "c2"), map(split.parts(), Part::id));
    assertEquals("GENERAL PROVISIONS", split.parts().get(0).title());
    assertEquals("Scope", split.parts().get(0).children().get(0).title());
    assertEquals("MANAGEMENT OF FOREST ANIMALS", split.parts().get(1).title());
    Part section = split.parts().get(1).children().get(0);
    assertEquals("c2-m1", section.id());
    assertEquals("Farming", section.title());
    Part article2 = section.children().get(0);
    assertEquals("Conditions for farming", article2.title());
    assertEquals(List.of("d2-k1", "d2-k2"), map(article2.children(), Part::id));
    Part clause1 = article2.children().get(0);
    assertEquals(List.of("a", "b", "c", "d", "e", "f"), map(clause1.children(), Part::number));
    assertEquals("safety for people and animals, as required by points (a) and\n(b) of clause 2 of Article 5;",
        clause1.children().get(1).text());
    assertEquals("Farms shall comply with clause 1 of this Article and\nArticle 1. of this Decree.",
        find(split.parts(), "d2-k2").text());
  }

  @Test
  @DisplayName("the same text imported again gives the same ids; decomposed Vietnamese and CRLF change nothing")
  void stableIds() {
    List<String> first = ids(Splitter.split(DECREE).parts());
    String pastedFromWord = Normalizer.normalize(DECREE, Normalizer.Form.NFD).replace("\n", "\r\n")
        .replace("Điều 3. ", "Điều\u00A03. ");
    assertEquals(first, ids(Splitter.split(pastedFromWord).parts()));
    assertEquals(first.size(), new HashSet<>(first).size());
    assertTrue(first.stream().allMatch(id -> id.matches("[a-z0-9-]+")), first.toString());
    assertEquals("NHỮNG QUY ĐỊNH CHUNG", Splitter.split(pastedFromWord).parts().get(0).title());
  }

  @Test
  @DisplayName("a text without headings is a document of numbered clauses, or else of paragraphs")
  void plainTexts() {
    Splitter.Split numbered = Splitter.split("""
        Góp ý chung của mạng lưới:

        1. Đề nghị bổ sung định nghĩa "cứu hộ".
        2. Đề nghị sửa khoản 2 Điều 5 như sau:
        a) thêm cơ sở cứu hộ tư nhân;
        b) bỏ yêu cầu ký quỹ.
        """);
    assertEquals("Góp ý chung của mạng lưới:", numbered.preamble());
    assertEquals(List.of("k1", "k2", "k2-pa", "k2-pb"), ids(numbered.parts()));

    Splitter.Split paragraphs = Splitter.split("First paragraph\nstill the first.\n\nSecond paragraph.\n");
    assertEquals(List.of("k1", "k2"), map(paragraphs.parts(), Part::id));
    assertEquals(List.of("First paragraph\nstill the first.", "Second paragraph."),
        map(paragraphs.parts(), Part::text));
  }

  @Test
  @DisplayName("malformed input says what is wrong and where")
  void malformed() {
    SplitException empty = assertThrows(SplitException.class, () -> Splitter.split(" \n\n  "));
    assertEquals("consultations.text.empty", empty.messageKey());
    assertThrows(SplitException.class, () -> Splitter.split(null));
    assertEquals("Chapter I (line 1) has no article: an article starts with a line such as \"Điều 5. Title\" or"
            + " \"Article 5. Title\".",
        assertThrows(SplitException.class,
            () -> Splitter.split("Chương I\nQUY ĐỊNH CHUNG\n\nChương II\nĐiều 1. A\nText.")).getMessage());
    assertEquals("Chương I appears twice (lines 1 and 4).", assertThrows(SplitException.class,
        () -> Splitter.split("Chương I\nA\nĐiều 1. A\nChương I\nB\nĐiều 2. B")).getMessage());
    StringBuilder huge = new StringBuilder();
    for (int i = 1; i <= Splitter.MAX_PARTS + 1; i++) {
      huge.append("Điều ").append(i).append(". A\n");
    }
    assertTrue(assertThrows(SplitException.class, () -> Splitter.split(huge.toString())).getMessage()
        .contains("more than " + Splitter.MAX_PARTS));
  }

  @Test
  @DisplayName("Roman numerals and the Vietnamese alphabet of points")
  void numbering() {
    assertEquals(9, Splitter.arabic("IX"));
    assertEquals(14, Splitter.arabic("XIV"));
    assertEquals(12, Splitter.arabic("12"));
    assertEquals("đ", Splitter.next(Splitter.VI_LETTERS, "d"));
    assertEquals("g", Splitter.next(Splitter.VI_LETTERS, "e"));
    assertEquals("k", Splitter.next(Splitter.VI_LETTERS, "i"));
    assertEquals("f", Splitter.next(Splitter.EN_LETTERS, "e"));
    Splitter.Split split = Splitter.split("Điều 1. A\na) một;\nb) hai;\nc) ba;\nd) bốn;\nđ) năm;\ne) sáu;\ng) bảy;\nh) tám.");
    assertEquals(List.of("a", "b", "c", "d", "đ", "e", "g", "h"), map(split.parts().get(0).children(), Part::number));
  }

  @Test
  @DisplayName("a part's JSON has DESIGN.md's shape and reads back the same")
  void json() {
    Part article3 = find(Splitter.split(DECREE).parts(), "d3");
    var json = article3.toJson();
    assertEquals("article", json.getString("kind"));
    assertEquals("d3-k1", json.getJsonArray("children").getJsonObject(0).getString("id"));
    assertEquals(article3, Part.fromJson(json));
  }

  @Test
  @DisplayName("parts written out again split into the same parts (a draft stored without its text is corrected)")
  void writtenOutAgain() {
    for (String text : List.of(DECREE, ENGLISH)) {
      Splitter.Split split = Splitter.split(text);
      Splitter.Split again = Splitter.split(Splitter.write(split.preamble(), split.parts()));
      assertEquals(split.preamble(), again.preamble());
      assertEquals(split.parts(), again.parts());
    }
  }

  static <T> List<T> map(List<Part> parts, Function<Part, T> f) {
    return parts.stream().map(f).toList();
  }

  static Part find(List<Part> parts, String id) {
    for (Part part : parts) {
      if (part.id().equals(id)) {
        return part;
      }
      Part found = find(part.children(), id);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  static List<String> ids(List<Part> parts) {
    List<String> ids = new ArrayList<>();
    for (Part part : parts) {
      ids.add(part.id());
      ids.addAll(ids(part.children()));
    }
    return ids;
  }
}
