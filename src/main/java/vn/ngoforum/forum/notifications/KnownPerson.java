package vn.ngoforum.forum.notifications;

import java.time.Instant;
import java.util.List;

/**
 * Someone who has written in the forum, as the forum last saw them: username, name and e-mail, the realm roles
 * their session or token showed ({@code roles}, at {@code rolesAt}) and when they first wrote ({@code firstSeenAt};
 * {@code null} for records older than that field), the display name they chose on the forum ({@code null}
 * until they choose one), and whether they closed their account (then name, display name and e-mail are gone).
 */
public record KnownPerson(String id, String username, String name, String email, List<String> roles,
    Instant rolesAt, Instant firstSeenAt, String displayName, boolean closed) {

  /** Someone whose account is open. */
  public KnownPerson(String id, String username, String name, String email, List<String> roles, Instant rolesAt,
      Instant firstSeenAt, String displayName) {
    this(id, username, name, email, roles, rolesAt, firstSeenAt, displayName, false);
  }

  /** The name the forum shows for them: the one they chose, else Keycloak's. */
  public String shownName() {
    return displayName == null ? name : displayName;
  }
}
