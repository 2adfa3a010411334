package vn.ngoforum.forum.common;

import java.security.SecureRandom;
import java.util.Base64;

/** Ids of the forum's documents (threads, posts, attachments, notifications) and of page-form submissions. */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {
  }

  /** A random id of 16 URL-safe characters: fits event-bus addresses ({@code [A-Za-z0-9_-]}) and paths. */
  public static String newId() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
