package vn.ngoforum.qa.report;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.TreeSet;

/**
 * An organisation that took part in a workshop: its name, whether the registry verified it, and how it took part
 * ({@link #ORGANISER}, {@link #SPEAKER}, {@link #ASKER}, {@link #VOTER}).
 */
record Participant(String slug, JsonObject name, boolean verified, Set<String> roles) {

  static final String ORGANISER = "organiser";
  static final String SPEAKER = "speaker";
  static final String ASKER = "asker";
  static final String VOTER = "voter";

  Participant {
    roles = new TreeSet<>(roles);
  }
}
