package vn.ngoforum.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The forum's UI text in Vietnamese (the default) and English, from {@code i18n/messages_vi.properties} and
 * {@code i18n/messages_en.properties} (UTF-8), and the one way times are shown: in Asia/Ho_Chi_Minh.
 */
public final class I18n {

  public static final String VI = "vi";
  public static final String EN = "en";
  public static final List<String> LANGUAGES = List.of(VI, EN);
  public static final ZoneId FORUM_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  private static final Map<String, DateTimeFormatter> DATE_TIME = Map.of(
      VI, DateTimeFormatter.ofPattern("HH:mm, dd/MM/yyyy", Locale.forLanguageTag(VI)).withZone(FORUM_ZONE),
      EN, DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH).withZone(FORUM_ZONE));
  private static final Map<String, DateTimeFormatter> DATE = Map.of(
      VI, DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.forLanguageTag(VI)).withZone(FORUM_ZONE),
      EN, DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(FORUM_ZONE));

  private final Map<String, Properties> bundles;
  /**
   * Each thread's formats of texts with arguments, per supported language and key (a page's header makes several:
   * a new MessageFormat each, with its number formats, was about a twentieth of a signed-in page's CPU). Per thread
   * because a MessageFormat is not safe to share; bounded by the keys times the languages.
   */
  private final ThreadLocal<Map<String, MessageFormat>> formats = ThreadLocal.withInitial(java.util.HashMap::new);

  public I18n() {
    this.bundles = Map.of(VI, load(VI), EN, load(EN));
    if (!bundles.get(VI).stringPropertyNames().equals(bundles.get(EN).stringPropertyNames())) {
      throw new IllegalStateException("messages_vi and messages_en must have the same keys");
    }
  }

  /** The language to use for a requested code: the code itself when supported, else Vietnamese. */
  public static String supported(String code) {
    return code != null && LANGUAGES.contains(code) ? code : VI;
  }

  /** The text for {@code key} in {@code lang}, with {@code {0}}-style arguments filled in. */
  public String text(String lang, String key, Object... args) {
    String pattern = bundles.get(supported(lang)).getProperty(key);
    if (pattern == null) {
      throw new IllegalArgumentException("No UI text for key '" + key + "'");
    }
    if (args.length == 0) {
      return pattern;
    }
    if (!supported(lang).equals(lang)) {
      return new MessageFormat(pattern, Locale.forLanguageTag(lang)).format(args);
    }
    return formats.get().computeIfAbsent(lang + ' ' + key, k -> new MessageFormat(pattern, Locale.forLanguageTag(lang)))
        .format(args);
  }

  /** Whether a UI text exists for {@code key}. */
  public boolean has(String key) {
    return bundles.get(VI).containsKey(key);
  }

  public String dateTime(String lang, Instant instant) {
    return DATE_TIME.get(supported(lang)).format(instant);
  }

  public String date(String lang, Instant instant) {
    return DATE.get(supported(lang)).format(instant);
  }

  private static Properties load(String lang) {
    String resource = "i18n/messages_" + lang + ".properties";
    try (InputStream in = I18n.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing " + resource);
      }
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
