package vn.ngoforum.auth;

import java.util.Optional;

/** The realm roles of {@code ngo-forum} that the forum acts on; any other Keycloak role is ignored. */
public enum Role {
  /** Forum admin: categories, events, verification of organisations, the audit log. */
  ADMIN("admin"),
  /** Runs workshop Q&A and moderates the forum. */
  MODERATOR("moderator"),
  /** Staff of a conservation NGO: may post in the forum. */
  MEMBER("member");

  private final String realmRole;

  Role(String realmRole) {
    this.realmRole = realmRole;
  }

  /** The role's name in the Keycloak realm and in the API. */
  public String realmRole() {
    return realmRole;
  }

  public static Optional<Role> fromRealmRole(String name) {
    for (Role role : values()) {
      if (role.realmRole.equals(name)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
