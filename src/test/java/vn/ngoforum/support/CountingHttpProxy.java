package vn.ngoforum.support;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An HTTP proxy in front of a server (Keycloak) that remembers every request it forwards, so a test can count the
 * calls the forum makes. The {@code Host} header is passed on as the client sent it, so Keycloak names the proxy
 * in its discovery document and tokens: the forum configured with {@link #url()} talks to Keycloak only through
 * the proxy.
 */
public final class CountingHttpProxy implements AutoCloseable {

  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
      "content-length", "upgrade", "te", "trailer", "proxy-connection");

  private final HttpServer server;
  private final HttpClient client;
  private final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
  private volatile boolean down;

  private CountingHttpProxy(HttpServer server, HttpClient client) {
    this.server = server;
    this.client = client;
  }

  /** Starts a proxy on a free port of 127.0.0.1 forwarding to {@code target} (e.g. {@code http://localhost:8180}). */
  public static CountingHttpProxy start(Vertx vertx, String target) {
    URI to = URI.create(target);
    HttpClient client = vertx.createHttpClient();
    CountingHttpProxy[] self = new CountingHttpProxy[1];
    HttpServer server = vertx.createHttpServer().requestHandler(request -> self[0].forward(request,
        SocketAddress.inetSocketAddress(to.getPort(), to.getHost())));
    self[0] = new CountingHttpProxy(server, client);
    ForumUnderTest.await(server.listen(0, "127.0.0.1"));
    return self[0];
  }

  /** The proxy's base URL, to use as {@code KEYCLOAK_URL}. */
  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Every request forwarded so far, as "METHOD /path?query", oldest first. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /**
   * While down, the proxy drops every request's connection without an answer, as an unreachable server does
   * (connections the forum keeps open included). Requests are still counted.
   */
  public void setDown(boolean down) {
    this.down = down;
  }

  private void forward(HttpServerRequest in, SocketAddress target) {
    requests.add(in.method() + " " + in.uri());
    if (down) {
      in.connection().close();
      return;
    }
    in.body().compose(body -> client.request(new RequestOptions()
            .setServer(target)
            .setMethod(in.method())
            .setURI(in.uri()))
        .compose(out -> {
          copy(in.headers(), out.headers());
          out.headers().remove("Host");
          out.authority(in.authority());
          return out.send(body);
        }))
        .compose(response -> response.body().map(body -> {
          in.response().setStatusCode(response.statusCode());
          copy(((HttpClientResponse) response).headers(), in.response().headers());
          return body;
        }))
        .onSuccess(body -> in.response().end(body))
        .onFailure(failure -> in.response().setStatusCode(502).end());
  }

  private static void copy(MultiMap from, MultiMap to) {
    from.forEach(header -> {
      if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
        to.add(header.getKey(), header.getValue());
      }
    });
  }

  @Override
  public void close() {
    ForumUnderTest.await(server.close());
    ForumUnderTest.await(client.close());
  }
}
