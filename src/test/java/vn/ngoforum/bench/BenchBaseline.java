package vn.ngoforum.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import vn.ngoforum.web.I18n;
import vn.ngoforum.web.Views;

/**
 * The same-run baselines, in their own JVM with the forum's JVM options and as many event loops as the forum:
 * a bare Vert.x server answering a small JSON ({@code /json}), the byte-identical copy of the forum's rendered
 * thread page ({@code /page}) and thread API answer ({@code /api}) from memory, our exact thread template rendered
 * from in-memory data on every request ({@code /render}), and a raw WebSocket broadcast ({@code /ws}) that sends
 * the bridge's frame shape to every connected socket, encoded once per event loop.
 *
 * <p>Arguments: port controlPort pageFile apiFile.
 */
public final class BenchBaseline {

  private static final String BROADCAST = "bench.broadcast";

  private BenchBaseline() {
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int controlPort = Integer.parseInt(args[1]);
    Buffer page = Buffer.buffer(Files.readAllBytes(Path.of(args[2])));
    Buffer api = Buffer.buffer(Files.readAllBytes(Path.of(args[3])));
    Views views = new Views(new I18n());
    Map<String, Object> model = renderModel(new JsonObject(api.toString()));
    views.renderToString("forum/thread", model);
    Vertx vertx = Vertx.vertx();
    int instances = Runtime.getRuntime().availableProcessors();
    vertx.deployVerticle(() -> new Server(port, page, api, views, model), new DeploymentOptions()
        .setInstances(instances)).toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    Control.start(vertx, controlPort, (address, body) -> vertx.eventBus().publish(BROADCAST,
            new JsonObject().put("type", "rec").put("address", address).put("body", body).encode()))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    System.out.println("READY");
  }

  /** The view model the forum's thread page handler builds for a guest, from the thread API's answer. */
  static Map<String, Object> renderModel(JsonObject thread) {
    thread.getJsonArray("posts").forEach(item -> {
      JsonObject post = (JsonObject) item;
      post.put("canModerate", false).put("canFlag", false);
      post.getJsonArray("reactions").forEach(reaction -> ((JsonObject) reaction)
          .put("postId", post.getString("id"))
          .put("labelKey", "reaction." + ((JsonObject) reaction).getString("name"))
          .put("enabled", false));
    });
    Map<String, Object> model = new HashMap<>();
    model.put(Views.LANG, I18n.VI);
    model.put("speakAs", List.of());
    model.put("thread", thread);
    model.put("moderator", false);
    model.put("mayPost", false);
    model.put("submission", "baseline");
    model.put("lastPage", thread.getInteger("page").equals(thread.getInteger("pages")));
    model.put("pager", new JsonObject().put("page", thread.getInteger("page"))
        .put("pages", thread.getInteger("pages")).put("many", thread.getInteger("pages") > 1));
    model.put("path", "/t/" + thread.getString("id"));
    model.put("pathAndQuery", "/t/" + thread.getString("id"));
    return model;
  }

  private static final class Server extends VerticleBase {

    private final int port;
    private final Buffer page;
    private final Buffer api;
    private final Views views;
    private final Map<String, Object> model;
    private final Set<ServerWebSocket> sockets = new HashSet<>();

    Server(int port, Buffer page, Buffer api, Views views, Map<String, Object> model) {
      this.port = port;
      this.page = page;
      this.api = api;
      this.views = views;
      this.model = model;
    }

    @Override
    public Future<?> start() {
      Buffer json = new JsonObject().put("status", "UP").put("message", "Xin chào").toBuffer();
      vertx.eventBus().<String>localConsumer(BROADCAST, message -> {
        String frame = message.body();
        for (ServerWebSocket socket : sockets) {
          socket.writeTextMessage(frame);
        }
      });
      return vertx.createHttpServer()
          .webSocketHandler(socket -> {
            if (!"/ws".equals(socket.path())) {
              socket.close();
              return;
            }
            sockets.add(socket);
            socket.textMessageHandler(text -> {
            });
            socket.closeHandler(v -> sockets.remove(socket));
          })
          .requestHandler(request -> {
            switch (request.path()) {
              case "/json" -> request.response().putHeader("Content-Type", "application/json").end(json);
              case "/page" -> request.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page);
              case "/api" -> request.response().putHeader("Content-Type", "application/json").end(api);
              case "/render" -> request.response().putHeader("Content-Type", "text/html; charset=utf-8")
                  .end(views.renderToString("forum/thread", new HashMap<>(model)));
              default -> request.response().setStatusCode(404).end();
            }
          })
          .listen(port);
    }
  }
}
