package vn.ngoforum.registry.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # a current name, with or without diacritics, spaces or a 'tỉnh' prefix
      Quảng Trị | quang-tri
      quang tri | quang-tri
      QUANG TRI | quang-tri
      Tỉnh Quảng Trị | quang-tri
      quang-tri | quang-tri
      Hanoi | ha-noi
      Hà Nội | ha-noi
      Thành phố Hồ Chí Minh | ho-chi-minh
      Ho Chi Minh City | ho-chi-minh
      Dak Lak | dak-lak
      # a pre-2025 province: the unit that absorbed it
      Quảng Bình | quang-tri
      Quang Binh | quang-tri
      quang binh | quang-tri
      Bạc Liêu | ca-mau
      Cà Mau | ca-mau
      Bình Dương | ho-chi-minh
      Bà Rịa - Vũng Tàu | ho-chi-minh
      Soc Trang | can-tho
      Quảng Nam | da-nang
      Đắk Nông | lam-dong
      Binh Thuan | lam-dong
      Kiên Giang | an-giang
      Thừa Thiên Huế | hue
      """)
  @DisplayName("a current name matches with or without diacritics, spaces or a 'tỉnh' prefix; a pre-2025 province"
      + " resolves to the unit that absorbed it: Quảng Bình → Quảng Trị")
  void province(String name, String expected) {
    assertEquals(expected, code(name));
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
