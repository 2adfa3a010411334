package vn.ngoforum.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded store on a file, in a JVM of its own, so that a test can kill it the way a crash or {@code kill -9}
 * does ({@link #kill()}: SIGKILL on Linux, no shutdown hook, nothing flushed on the way out).
 *
 * <p>Run as a program, it opens {@link EmbeddedMongo} on the file given as its argument, prints {@code PORT <n>}
 * and serves until it is killed.
 */
public record StoreProcess(Process process, int port) implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(1);
  private static final String PORT_LINE = "PORT ";

  public static void main(String[] args) throws InterruptedException {
    EmbeddedMongo store = EmbeddedMongo.start(Path.of(args[0]), 0);
    System.out.println(PORT_LINE + store.port());
    System.out.flush();
    new CountDownLatch(1).await();
  }

  /** Starts the store on {@code file}, its output in {@code log}; returns once it serves. */
  public static StoreProcess start(Path file, Path log) {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), StoreProcess.class.getName(), file.toString());
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Instant deadline = Instant.now().plus(START_TIMEOUT);
      while (Instant.now().isBefore(deadline)) {
        Optional<Integer> port = Files.readAllLines(log).stream().filter(line -> line.startsWith(PORT_LINE))
            .map(line -> Integer.parseInt(line.substring(PORT_LINE.length()).trim())).findFirst();
        if (port.isPresent()) {
          return new StoreProcess(process, port.get());
        }
        if (!process.isAlive()) {
          throw new IllegalStateException("The store process exited with " + process.exitValue() + ": "
              + Files.readString(log));
        }
        Thread.sleep(100);
      }
      process.destroyForcibly();
      throw new IllegalStateException("The store process did not serve within " + START_TIMEOUT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Kills the process at once (SIGKILL) and waits until it is gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
