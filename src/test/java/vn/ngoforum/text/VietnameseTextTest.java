package vn.ngoforum.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VietnameseTextTest {

  @Test
  @DisplayName("folding drops case, tones and diacritics, including đ → d")
  void fold() {
    assertEquals("te giac va nga voi duong day buon lau",
        VietnameseText.fold("Tê giác và ngà voi: đường dây buôn lậu"));
    assertEquals("dong nai", VietnameseText.fold("ĐỒNG NAI"));
    assertEquals("quang tri", VietnameseText.fold("  Quảng   Trị "));
    assertEquals("", VietnameseText.fold(null));
  }

  @Test
  @DisplayName("tokens are the distinct folded words, so a query without diacritics meets a title with them")
  void tokens() {
    assertEquals(List.of("cuu", "ho", "dong", "vat", "hoang", "da"),
        VietnameseText.tokens("Cứu hộ động vật hoang dã, cứu hộ!"));
    assertEquals(VietnameseText.tokens("te giac"), VietnameseText.tokens("Tê giác"));
  }
}
