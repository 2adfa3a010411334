package vn.ngoforum.cluster;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client over a plain TCP socket that can stop reading: the browser on a train going into a tunnel.
 * Its receive buffer is small, so the server soon has nowhere to put what it writes but its own queue.
 */
final class StalledWebSocket implements AutoCloseable {

  private static final int RECEIVE_BUFFER_BYTES = 4096;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private StalledWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects and completes the WebSocket handshake on {@code path}. */
  static StalledWebSocket open(int port, String path) {
    try {
      Socket socket = new Socket();
      socket.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(10_000);
      StalledWebSocket ws = new StalledWebSocket(socket);
      byte[] nonce = new byte[16];
      ThreadLocalRandom.current().nextBytes(nonce);
      ws.out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      ws.out.flush();
      String head = ws.readHead();
      if (!head.startsWith("HTTP/1.1 101")) {
        throw new IllegalStateException("No WebSocket upgrade: " + head);
      }
      return ws;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one text frame. */
  void sendText(String text) {
    sendFrame(0x81, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends one final frame of type {@code opcode}, masked as a client must. */
  private void sendFrame(int finAndOpcode, byte[] payload) {
    if (payload.length > 125) {
      throw new IllegalArgumentException("Short frames only");
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(finAndOpcode);
    frame.write(0x80 | payload.length);
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    try {
      out.write(frame.toByteArray());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What reading again finds: the frames still on their way, then the server's close frame with its status code
   * ({@code -1} when the connection ended without one, {@code 0} when it had not ended within ten seconds).
   */
  record Drained(int framesContaining, long bytes, int closeCode) {
  }

  /**
   * Reads until the server's close frame, the end of the connection, or ten seconds without a byte, counting the
   * data frames whose text contains {@code marker}.
   */
  Drained drain(String marker) {
    DataInputStream data = new DataInputStream(in);
    int matching = 0;
    long bytes = 0;
    try {
      while (true) {
        int first = data.readUnsignedByte();
        int second = data.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
          length = data.readUnsignedShort();
        } else if (length == 127) {
          length = data.readLong();
        }
        byte[] payload = data.readNBytes((int) length);
        bytes += payload.length;
        if ((first & 0x0F) == 0x8) {
          int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
          // Answered as a browser answers it, which completes the closing handshake.
          sendFrame(0x88, new byte[0]);
          return new Drained(matching, bytes, code);
        }
        if (new String(payload, StandardCharsets.UTF_8).contains(marker)) {
          matching++;
        }
        if (payload.length < length) {
          return new Drained(matching, bytes, -1);
        }
      }
    } catch (EOFException | SocketException e) {
      return new Drained(matching, bytes, -1);
    } catch (SocketTimeoutException e) {
      return new Drained(matching, bytes, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int next = in.read();
      if (next < 0) {
        break;
      }
      head.write(next);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a socket the server already dropped.
    }
  }
}
