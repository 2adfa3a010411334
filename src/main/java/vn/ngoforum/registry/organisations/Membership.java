package vn.ngoforum.registry.organisations;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One person's request to join, or membership of, one organisation: at most one per (organisation, person).
 *
 * @param org      the organisation's slug
 * @param name     the person's display name when they asked (may be an e-mail address: see {@link #withoutEmail})
 * @param status   {@value #PENDING}, {@value #APPROVED} or {@value #REJECTED}
 * @param role     {@value #ADMIN} or {@value #MEMBER}
 * @param decidedAt when an admin last decided on it, or {@code null}
 */
public record Membership(String org, String userId, String name, String username, String status, String role,
    Instant requestedAt, Instant decidedAt) {

  public static final String PENDING = "pending";
  public static final String APPROVED = "approved";
  public static final String REJECTED = "rejected";
  public static final String ADMIN = "admin";
  public static final String MEMBER = "member";

  private static final Pattern EMAIL =
      Pattern.compile("([^\\s@<>()\\[\\],;:\"]+)@[^\\s@<>()\\[\\],;:\"]+\\.[^\\s@<>()\\[\\],;:\"]+");

  /** The key of a person's membership of an organisation (what the audit log names). */
  public static String id(String slug, String userId) {
    return slug + "|" + userId;
  }

  public String id() {
    return id(org, userId);
  }

  public boolean isApproved() {
    return APPROVED.equals(status);
  }

  /** An approved admin: one who decides on requests and edits the profile. */
  public boolean isApprovedAdmin() {
    return isApproved() && ADMIN.equals(role);
  }

  /** Whether {@code membership} (possibly none) makes its person an admin of the organisation. */
  public static boolean isApprovedAdmin(Membership membership) {
    return membership != null && membership.isApprovedAdmin();
  }

  /**
   * A person's display name or username with any e-mail address cut to its local part ({@code lan.pham@…}): a
   * realm that uses e-mail addresses as usernames, for a person without a name, would otherwise show the
   * applicant's address on the organisation's page.
   */
  public static String withoutEmail(String text) {
    if (text == null) {
      return null;
    }
    return EMAIL.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + "@…"));
  }
}
