package vn.ngoforum.registry.organisations;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * An organisation in the registry, as its repository reads it: its address ({@code slug}), its profile, whether a
 * forum admin has verified it (and a pending request for that), its achievements and its logo.
 *
 * @param logoVersion the time its logo was stored (part of the logo's address), or {@code null} without a logo
 * @param logoFile    the GridFS file of the logo; {@code null} for none, or for a logo stored before GridFS
 * @param createdBy   the registrant's user id ({@code null} for sample organisations)
 * @param standing    a forum admin's last suspension, reinstatement or removal, or {@code null} (never any)
 */
public record Organisation(String slug, OrganisationProfile profile, boolean verified, Verification verification,
    VerificationRequest verificationRequest, List<Achievement> achievements, Long logoVersion, String logoFile,
    Instant createdAt, String createdBy, Standing standing) {

  public Organisation {
    achievements = List.copyOf(achievements);
  }

  /** A forum admin's decision on the organisation: when, who ({@code null} for sample data) and why. */
  public record Verification(Instant at, String by, String note) {
  }

  /** An organisation admin's request to be verified: when, who (id and shown name) and their note. */
  public record VerificationRequest(Instant at, String by, String name, String note) {
  }

  /** Something the organisation did, with the year and an optional link to the evidence. */
  public record Achievement(String id, JsonObject title, int year, JsonObject description, String link) {
  }

  /**
   * Where a forum admin left the organisation: {@value #ACTIVE} (reinstated), {@value #SUSPENDED} (hidden from the
   * directory and search, its memberships give no rights; it can be reinstated) or {@value #REMOVED} (kept for the
   * audit log, gone for everyone but the forum admins). When, by whom and why.
   */
  public record Standing(String state, Instant at, String by, String reason) {

    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";
    public static final String REMOVED = "removed";
  }

  /** A newly registered organisation: unverified, with no achievements and no logo yet. */
  public static Organisation registered(String slug, OrganisationProfile profile, Instant at, String createdBy) {
    return new Organisation(slug, profile, false, null, null, List.of(), null, null, at, createdBy, null);
  }

  /** The same organisation at another address (registration tries the next free slug). */
  public Organisation at(String otherSlug) {
    return new Organisation(otherSlug, profile, verified, verification, verificationRequest, achievements,
        logoVersion, logoFile, createdAt, createdBy, standing);
  }

  /** The same organisation, verified (or not) by {@code verification}. */
  public Organisation verifiedBy(boolean isVerified, Verification by) {
    return new Organisation(slug, profile, isVerified, by, verificationRequest, achievements, logoVersion, logoFile,
        createdAt, createdBy, standing);
  }

  /**
   * Whether the organisation is in the directory, search and the forum's rights: neither suspended nor removed.
   * Everyone else finds nothing at its address; forum admins still see it, marked.
   */
  public boolean listed() {
    return standing == null || Standing.ACTIVE.equals(standing.state());
  }

  /** {@value Standing#ACTIVE}, {@value Standing#SUSPENDED} or {@value Standing#REMOVED}. */
  public String state() {
    return standing == null ? Standing.ACTIVE : standing.state();
  }

  /** The logo's versioned address, or {@code null} when it has none. */
  public String logo() {
    return logoVersion == null ? null : logoPath(slug, logoVersion);
  }

  /** A logo's address: a new logo gets a new address, so browsers may keep each one for long. */
  public static String logoPath(String slug, long version) {
    return "/orgs/" + slug + "/logo.png?v=" + version;
  }
}
