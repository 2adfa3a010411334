package vn.ngoforum.forum.attachments;

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

  /**
   * The number of pixels an image's header declares (width × height, as a browser would allocate them to show it),
   * read from the header alone: a PNG's {@code IHDR}, a JPEG's frame header ({@code SOFn}). {@code -1} when the
   * file declares no size (no browser can draw it then); {@link Long#MAX_VALUE} for a size of 0 or beyond
   * counting (to be refused).
   */
  static long declaredPixels(Buffer content, String type) {
    int[] size = PNG.equals(type) ? pngSize(content) : JPEG.equals(type) ? jpegSize(content) : null;
    if (size == null) {
      return -1;
    }
    if (size[0] <= 0 || size[1] <= 0) {
      return Long.MAX_VALUE;
    }
    return (long) size[0] * size[1];
  }

  /** {@code {width, height}} from a PNG's first chunk, which must be {@code IHDR}; sizes past 2^31 read as 0. */
  private static int[] pngSize(Buffer bytes) {
    if (bytes.length() < 24 || !"IHDR".equals(bytes.getString(12, 16, "US-ASCII"))) {
      return null;
    }
    return new int[] {Math.max(0, bytes.getInt(16)), Math.max(0, bytes.getInt(20))};
  }

  /**
   * {@code {width, height}} from a JPEG's first frame header, walking the segments before it; bytes between
   * segments are skipped up to the next marker, as decoders do.
   */
  private static int[] jpegSize(Buffer bytes) {
    int i = 2;
    while (i + 1 < bytes.length()) {
      if (bytes.getUnsignedByte(i) != 0xff) {
        i++;
        continue;
      }
      int marker = bytes.getUnsignedByte(i + 1);
      if (marker == 0xff) {
        i++;
        continue;
      }
      if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2;
        continue;
      }
      if (marker == 0xd9 || marker == 0xda || i + 3 >= bytes.length()) {
        return null;
      }
      int length = bytes.getUnsignedShort(i + 2);
      boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
      if (frame) {
        return i + 8 < bytes.length() ? new int[] {bytes.getUnsignedShort(i + 7), bytes.getUnsignedShort(i + 5)}
            : null;
      }
      if (length < 2) {
        return null;
      }
      i += 2 + length;
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
