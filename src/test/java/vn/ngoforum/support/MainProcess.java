package vn.ngoforum.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.ngoforum.Main;
import vn.ngoforum.config.AppConfig;

/**
 * The forum's {@link Main} run as an operator runs it, in a JVM of its own, until it exits: for what happens before
 * or instead of serving (a store it cannot open, {@code backup}, {@code restore}).
 */
public final class MainProcess {

  private MainProcess() {
  }

  /** How a run ended: its exit code and all it wrote (standard output and error). */
  public record Run(int exitCode, String output) {
  }

  /**
   * Runs {@link Main} with {@code args} and {@code settings} as the only {@link AppConfig} variables of its
   * environment (those of the test JVM are taken out); a run that has not ended in two minutes is killed and fails.
   */
  public static Run run(Map<String, String> settings, String... args) throws IOException, InterruptedException {
    Path log = Files.createTempFile("forum-main", ".log");
    try {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
      command.addAll(List.of(args));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().keySet().removeIf(AppConfig.KEYS::contains);
      builder.environment().putAll(settings);
      Process process = builder.start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("the forum (" + String.join(" ", args) + ") did not end in 2 minutes:\n"
            + Files.readString(log));
      }
      return new Run(process.exitValue(), Files.readString(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
