package vn.ngoforum.support;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;

/** A TCP proxy to a server, started when a test wants the server to "come back" on a given port. */
public record TcpProxy(NetServer server, NetClient client) implements AutoCloseable {

  /** Forwards connections on 127.0.0.1:{@code port} to {@code targetHost}:{@code targetPort}. */
  public static TcpProxy start(Vertx vertx, int port, String targetHost, int targetPort) {
    NetClient client = vertx.createNetClient();
    NetServer server = vertx.createNetServer().connectHandler(inbound -> {
      inbound.pause();
      client.connect(targetPort, targetHost).onComplete(connected -> {
        if (connected.failed()) {
          inbound.close();
          return;
        }
        var outbound = connected.result();
        inbound.pipeTo(outbound);
        outbound.pipeTo(inbound);
        inbound.resume();
      });
    });
    ForumUnderTest.await(server.listen(port, "127.0.0.1"));
    return new TcpProxy(server, client);
  }

  @Override
  public void close() {
    ForumUnderTest.await(server.close());
    ForumUnderTest.await(client.close());
  }
}
