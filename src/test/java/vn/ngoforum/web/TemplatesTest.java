package vn.ngoforum.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TemplatesTest {

  private static final Pattern TEXT_KEY = Pattern.compile("\\{\\{t \"([a-z0-9_.]+)\"");

  @Test
  @DisplayName("every UI text a template asks for exists in Vietnamese and in English")
  void everyTextExists() throws IOException {
    I18n i18n = new I18n();
    List<String> missing = new ArrayList<>();
    try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
      for (Path template : templates.filter(p -> p.toString().endsWith(".hbs")).toList()) {
        Matcher keys = TEXT_KEY.matcher(Files.readString(template));
        while (keys.find()) {
          if (!i18n.has(keys.group(1))) {
            missing.add(template.getFileName() + ": " + keys.group(1));
          }
        }
      }
    }
    assertTrue(missing.isEmpty(), "UI texts missing from messages_*.properties: " + missing);
  }
}
