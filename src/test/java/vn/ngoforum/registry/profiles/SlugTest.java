package vn.ngoforum.registry.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.ngoforum.web.JsonInput;

/** Organisation addresses: short, plain ASCII, readable, never hiding another route. */
class SlugTest {

  private static String slug(String nameVi, String nameEn, String acronym) {
    JsonObject json = new JsonObject().put("name", new JsonObject().put("vi", nameVi).put("en", nameEn))
        .put("province", "Huế");
    if (acronym != null) {
      json.put("acronym", acronym);
    }
    return RegistrationService.slugOf(OrganisationInput.parse(JsonInput.of(json.encode())));
  }

  @Test
  @DisplayName("the acronym makes the address, folded to plain ASCII: ĐVHD → dvhd, W.W.F → w-w-f")
  void fromAcronym() {
    assertEquals("dvhd", slug("Động vật Hoang dã", "", "ĐVHD"));
    assertEquals("w-w-f", slug("Quỹ", "Fund", "W.W.F"));
  }

  @Test
  @DisplayName("without an acronym the English name, else the Vietnamese name, makes the address")
  void fromName() {
    assertEquals("saola-working-group", slug("Nhóm Sao la", "Saola Working Group", null));
    assertEquals("nhom-bao-ve-rua-bien", slug("Nhóm Bảo vệ Rùa biển", "", null));
  }

  @Test
  @DisplayName("a name in another script still gets a working address, and route names are never taken")
  void fallbacks() {
    assertEquals("org", slug("野生动物保护", "", null));
    assertEquals("new-org", slug("Mới", "", "NEW"));
    assertEquals("stats-org", slug("Thống kê", "Stats", null));
    assertEquals(60, slug("A".repeat(100), "", null).length());
  }
}
