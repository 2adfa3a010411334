package vn.ngoforum.qa;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Debian's headless chromium showing one page, driven over the DevTools protocol (the same protocol Selenium's
 * chromedriver speaks): evaluate script expressions in the page and wait, bounded, for a condition.
 */
final class HeadlessChromium implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/chromium");

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonObject>> answers = new ConcurrentHashMap<>();

  private HeadlessChromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** Starts chromium on {@code url} and connects to the page. */
  static HeadlessChromium open(String url) throws Exception {
    Path profile = Files.createTempDirectory("qa-chromium");
    Process process = new ProcessBuilder(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile, "--remote-debugging-port=0", url))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    Path portFile = profile.resolve("DevToolsActivePort");
    Instant deadline = Instant.now().plusSeconds(60);
    while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (Instant.now().isAfter(deadline) || !process.isAlive()) {
        process.destroyForcibly();
        throw new IllegalStateException("chromium did not open its DevTools port");
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
    HttpClient http = HttpClient.newHttpClient();
    String pageSocket = null;
    while (pageSocket == null && Instant.now().isBefore(deadline)) {
      HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
          .build(), HttpResponse.BodyHandlers.ofString());
      pageSocket = new JsonArray(list.body()).stream().map(JsonObject.class::cast)
          .filter(target -> "page".equals(target.getString("type")))
          .map(target -> target.getString("webSocketDebuggerUrl")).findFirst().orElse(null);
    }
    if (pageSocket == null) {
      process.destroyForcibly();
      throw new IllegalStateException("chromium shows no page");
    }
    HeadlessChromium[] self = new HeadlessChromium[1];
    StringBuilder partial = new StringBuilder();
    WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          JsonObject message = new JsonObject(partial.toString());
          partial.setLength(0);
          CompletableFuture<JsonObject> waiting = message.containsKey("id")
              ? self[0].answers.remove(message.getInteger("id")) : null;
          if (waiting != null) {
            waiting.complete(message);
          }
        }
        webSocket.request(1);
        return null;
      }
    }).get(30, TimeUnit.SECONDS);
    self[0] = new HeadlessChromium(process, profile, socket);
    return self[0];
  }

  /** The value of a script expression in the page (JSON-compatible values only). */
  Object evaluate(String expression) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    answers.put(id, answer);
    socket.sendText(new JsonObject().put("id", id).put("method", "Runtime.evaluate")
        .put("params", new JsonObject().put("expression", expression).put("returnByValue", true)).encode(), true);
    try {
      JsonObject result = answer.get(30, TimeUnit.SECONDS).getJsonObject("result", new JsonObject())
          .getJsonObject("result", new JsonObject());
      return result.getValue("value");
    } catch (Exception e) {
      throw new IllegalStateException("evaluating " + expression, e);
    }
  }

  /** Waits (at most {@code timeout}) until {@code expression}'s value passes {@code test}; returns it. */
  Object waitFor(String expression, Predicate<Object> test, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Object value = null;
    while (Instant.now().isBefore(deadline)) {
      value = evaluate(expression);
      if (value != null && test.test(value)) {
        return value;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("in the page, " + expression + " stayed " + value);
  }

  @Override
  public void close() {
    socket.abort();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
