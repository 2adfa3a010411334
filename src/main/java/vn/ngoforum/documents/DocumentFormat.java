package vn.ngoforum.documents;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The file formats a {@link Document} is written in, with what an HTTP answer needs (content type, file extension),
 * and the one way a request handler writes one: {@link #build} on a worker thread, never on the event loop.
 */
public enum DocumentFormat {

  DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", Docx::write),
  PDF("application/pdf", "pdf", Pdf::write);

  private final String contentType;
  private final String extension;
  private final Function<Document, byte[]> writer;

  DocumentFormat(String contentType, String extension, Function<Document, byte[]> writer) {
    this.contentType = contentType;
    this.extension = extension;
    this.writer = writer;
  }

  public String contentType() {
    return contentType;
  }

  public String extension() {
    return extension;
  }

  /** The format named {@code docx} or {@code pdf} (any case), if it is one. */
  public static Optional<DocumentFormat> named(String name) {
    for (DocumentFormat format : values()) {
      if (format.extension.equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** The file's bytes, written on this thread (for tests and workers). */
  public byte[] write(Document document) {
    return writer.apply(document);
  }

  /** The file, written on a worker thread (not ordered with other blocking work, so exports run side by side). */
  public Future<Buffer> build(Vertx vertx, Document document) {
    return vertx.executeBlocking(() -> Buffer.buffer(write(document)), false);
  }
}
