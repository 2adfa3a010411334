package vn.ngoforum.forum;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The kinds of file a post may carry, recognised from the first bytes of the file (its "magic"), never from its
 * name or from what the uploader claims: PDF, PNG, JPEG and Word (DOCX, a ZIP holding {@code word/}).
 */
final class FileTypes {

  static final String PDF = "application/pdf";
  static final String PNG = "image/png";
  static final String JPEG = "image/jpeg";
  static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final byte[] JPEG_MAGIC = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final byte[] WORD_ENTRY = "word/".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONTENT_TYPES = "[Content_Types].xml".getBytes(StandardCharsets.US_ASCII);

  private FileTypes() {
  }

  /** The checked media type of {@code content}, or {@code null} when it is none of the allowed kinds. */
  static String detect(Buffer content) {
    byte[] bytes = content.getBytes();
    if (startsWith(bytes, PDF_MAGIC)) {
      return PDF;
    }
    if (startsWith(bytes, PNG_MAGIC)) {
      return PNG;
    }
    if (startsWith(bytes, JPEG_MAGIC)) {
      return JPEG;
    }
    if (startsWith(bytes, ZIP_MAGIC) && contains(bytes, CONTENT_TYPES) && contains(bytes, WORD_ENTRY)) {
      return DOCX;
    }
    return null;
  }

  static boolean isImage(String type) {
    return PNG.equals(type) || JPEG.equals(type);
  }

  /** The file name extension that matches the checked type, so a download never runs as something else. */
  static String extension(String type) {
    return switch (type) {
      case PDF -> ".pdf";
      case PNG -> ".png";
      case JPEG -> ".jpg";
      default -> ".docx";
    };
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(byte[] bytes, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= bytes.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
