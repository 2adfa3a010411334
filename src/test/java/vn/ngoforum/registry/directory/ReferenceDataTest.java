package vn.ngoforum.registry.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The provinces of Resolution 202/2025/QH15 and the focus areas, matched the way people type them. */
class ReferenceDataTest {

  private final ReferenceData data = ReferenceData.get();

  private String code(String name) {
    return data.province(name).map(Province::code).orElse(null);
  }

  @Test
  @DisplayName("there are 34 units since 1 July 2025: 6 centrally-run cities and 28 provinces, absorbing all 63 old ones")
  void thirtyFour() {
    List<Province> all = data.provinces();
    assertEquals(34, all.size());
    assertEquals(6, all.stream().filter(Province::city).count());
    Set<String> codes = new HashSet<>();
    Set<String> before = new HashSet<>();
    for (Province province : all) {
      assertTrue(codes.add(province.code()), "codes are unique: " + province.code());
      assertTrue(!province.name().getString("vi").isBlank() && !province.name().getString("en").isBlank());
      before.add(province.name().getString("vi"));
      before.addAll(province.absorbed());
    }
    before.remove("Huế");
    assertEquals(63, before.size(), "the 63 pre-2025 provincial-level units (Thừa Thiên Huế renamed Huế)");
  }

  @Test
  @DisplayName("a pre-2025 province resolves to the unit that absorbed it: Quảng Bình → Quảng Trị")
  void absorbed() {
    assertEquals("quang-tri", code("Quảng Bình"));
    assertEquals("quang-tri", code("Quang Binh"));
    assertEquals("quang-tri", code("quang binh"));
    assertEquals("ca-mau", code("Bạc Liêu"));
    assertEquals("ca-mau", code("Cà Mau"));
    assertEquals("ho-chi-minh", code("Bình Dương"));
    assertEquals("ho-chi-minh", code("Bà Rịa - Vũng Tàu"));
    assertEquals("can-tho", code("Soc Trang"));
    assertEquals("da-nang", code("Quảng Nam"));
    assertEquals("lam-dong", code("Đắk Nông"));
    assertEquals("lam-dong", code("Binh Thuan"));
    assertEquals("an-giang", code("Kiên Giang"));
    assertEquals("hue", code("Thừa Thiên Huế"));
  }

  @Test
  @DisplayName("a current name matches with or without diacritics, spaces or a 'tỉnh' prefix")
  void current() {
    assertEquals("quang-tri", code("Quảng Trị"));
    assertEquals("quang-tri", code("quang tri"));
    assertEquals("quang-tri", code("QUANG TRI"));
    assertEquals("quang-tri", code("Tỉnh Quảng Trị"));
    assertEquals("quang-tri", code("quang-tri"));
    assertEquals("ha-noi", code("Hanoi"));
    assertEquals("ha-noi", code("Hà Nội"));
    assertEquals("ho-chi-minh", code("Thành phố Hồ Chí Minh"));
    assertEquals("ho-chi-minh", code("Ho Chi Minh City"));
    assertEquals("dak-lak", code("Dak Lak"));
  }

  @Test
  @DisplayName("an unknown or empty name resolves to nothing")
  void unknown() {
    assertTrue(data.province("Atlantis").isEmpty());
    assertTrue(data.province("").isEmpty());
    assertTrue(data.province(null).isEmpty());
    assertTrue(data.province("Quang").isEmpty());
  }

  @Test
  @DisplayName("the eight focus areas are bilingual and match by code or by name in either language")
  void focusAreas() {
    assertEquals(8, data.focusAreas().size());
    assertEquals("rescue", data.focusArea("rescue").orElseThrow().code());
    assertEquals("rescue", data.focusArea("Cứu hộ và phục hồi động vật").orElseThrow().code());
    assertEquals("policy", data.focusArea("policy and legal advocacy").orElseThrow().code());
    assertTrue(data.focusArea("knitting").isEmpty());
  }
}
