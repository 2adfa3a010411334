package vn.ngoforum.qa.events;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How Q&amp;A stamps what it stores (events, sessions, questions, polls, votes): a new id, and the time. */
public final class Stamps {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ID_CHARS = "abcdefghijkmnopqrstuvwxyz23456789".toCharArray();

  private Stamps() {
  }

  /** A new random id that fits event-bus addresses and URLs: 16 lower-case letters and digits. */
  public static String newId() {
    char[] id = new char[16];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
    }
    return new String(id);
  }

  /** Now, to the millisecond a stored date keeps, so that what is announced equals what is read back later. */
  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
