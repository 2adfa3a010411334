package vn.ngoforum.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MemberNameTest {

  @Test
  @DisplayName("a member whose name or username is an e-mail address is shown without the address")
  void emailsAreCut() {
    assertEquals("lan.pham@…", RegistryService.withoutEmail("lan.pham@example.org"));
    assertEquals("Lan (lan@…)", RegistryService.withoutEmail("Lan (lan@vn.example.com)"));
    assertEquals("Phạm Thị Lan", RegistryService.withoutEmail("Phạm Thị Lan"));
    assertEquals("@lan", RegistryService.withoutEmail("@lan"));
    assertNull(RegistryService.withoutEmail(null));
  }
}
