package vn.ngoforum.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine the figures come from: cores, CPU model, memory, Java and the kernel. */
final class Machine {

  private Machine() {
  }

  static JsonObject describe() {
    return new JsonObject()
        .put("cores", Runtime.getRuntime().availableProcessors())
        .put("cpu", procLine("/proc/cpuinfo", "model name"))
        .put("memory", procLine("/proc/meminfo", "MemTotal"))
        .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
  }

  private static String procLine(String file, String key) {
    try {
      return Files.readAllLines(Path.of(file)).stream().filter(line -> line.startsWith(key))
          .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
