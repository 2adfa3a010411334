package vn.ngoforum.registry.organisations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MemberNameTest {

  @Test
  @DisplayName("a member whose name or username is an e-mail address is shown without the address")
  void emailsAreCut() {
    assertEquals("lan.pham@…", Membership.withoutEmail("lan.pham@example.org"));
    assertEquals("Lan (lan@…)", Membership.withoutEmail("Lan (lan@vn.example.com)"));
    assertEquals("Phạm Thị Lan", Membership.withoutEmail("Phạm Thị Lan"));
    assertEquals("@lan", Membership.withoutEmail("@lan"));
    assertNull(Membership.withoutEmail(null));
  }
}
