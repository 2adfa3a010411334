package vn.ngoforum.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@code multipart/form-data} body as a browser's upload form sends it: text fields and files, in the order
 * added. {@link Browser#postMultipart} sends it with the browser's cookies.
 *
 * <pre>
 *   member.postMultipart(base + "/t/" + id + "/posts", new Multipart().field("_csrf", csrf).field("body", "Ảnh")
 *       .file("files", "photo.jpg", "application/octet-stream", bytes));
 * </pre>
 */
public final class Multipart {

  private final String boundary = "----forum" + System.nanoTime();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** A text field. */
  public Multipart field(String name, String value) {
    text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
    return this;
  }

  /** A file field: its name, the file's name and type as the browser gives them, and its bytes. */
  public Multipart file(String name, String fileName, String type, byte[] bytes) {
    text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
        + "\"\r\nContent-Type: " + type + "\r\n\r\n");
    out.writeBytes(bytes);
    text("\r\n");
    return this;
  }

  /** The request's content type, with the boundary. */
  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /** The whole body, with the closing boundary. */
  public byte[] body() {
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    whole.writeBytes(out.toByteArray());
    whole.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return whole.toByteArray();
  }

  private void text(String part) {
    out.writeBytes(part.getBytes(StandardCharsets.UTF_8));
  }
}
