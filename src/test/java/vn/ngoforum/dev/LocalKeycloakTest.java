package vn.ngoforum.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The run command starts Keycloak with the script of the platform it runs on. */
class LocalKeycloakTest {

  private static final Path HOME = Path.of("target", "keycloak", "keycloak-26.7.3");

  @Test
  @DisplayName("on Windows the run command starts bin\\kc.bat through cmd /c, with the same options")
  void windows() {
    assertTrue(LocalKeycloak.isWindows("Windows 11"));
    assertTrue(LocalKeycloak.isWindows("Windows Server 2022"));
    assertEquals(List.of("cmd.exe", "/c", HOME.resolve("bin").resolve("kc.bat").toString(), "start-dev",
        "--http-port=8180", "--import-realm"), LocalKeycloak.command(HOME, 8180, true));
  }

  @Test
  @DisplayName("on Linux and macOS it starts bin/kc.sh itself")
  void unix() {
    assertFalse(LocalKeycloak.isWindows("Linux"));
    assertFalse(LocalKeycloak.isWindows("Mac OS X"));
    assertEquals(List.of(HOME.resolve("bin").resolve("kc.sh").toString(), "start-dev", "--http-port=8180",
        "--import-realm"), LocalKeycloak.command(HOME, 8180, false));
  }

  @Test
  @DisplayName("a data directory whose path holds a space (C:\\Users\\Lan Nguyen\\...) stays one JVM option")
  void pathWithSpace() {
    assertEquals("-Dkc.db-url-path=/srv/forum/data/keycloak",
        LocalKeycloak.javaOption("kc.db-url-path", "/srv/forum/data/keycloak"));
    assertEquals("\"-Dkc.db-url-path=C:\\Users\\Lan Nguyen\\forum\\data\\keycloak\"",
        LocalKeycloak.javaOption("kc.db-url-path", "C:\\Users\\Lan Nguyen\\forum\\data\\keycloak"));
  }
}
