package vn.ngoforum.registry.profiles;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import vn.ngoforum.error.ForumException;

/**
 * Organisation logos: what was uploaded must really be a PNG or JPEG image (checked by its bytes and by
 * decoding it, never by the declared type or file name), and is stored re-encoded as a PNG of at most
 * {@value #MAX_SIDE} pixels a side, so the directory loads small files and nothing of the original (metadata,
 * trailing payloads) is ever served.
 *
 * <p>A small file can declare an enormous picture (a few hundred bytes of PNG saying 30000 × 30000 would take
 * 900 MB decoded), so the size is read from the header first and an image over {@value #MAX_PIXELS} pixels is
 * refused before any pixel is allocated; an image within it is decoded subsampled, at most
 * {@value #DECODE_SIDE} pixels a side, never at full size. Decoding is CPU work, done by {@link ImageWork}.
 */
final class Logos {

  static final int MAX_SIDE = 256;
  /** What a refused logo is about: the logo form's file field. */
  static final String FIELD = "logo";
  /** The most pixels a logo may declare: a 40-megapixel photo is fine, a decompression bomb is not. */
  static final long MAX_PIXELS = 40_000_000L;
  /** Images are decoded at most this wide or high (then shrunk smoothly to {@link #MAX_SIDE}). */
  private static final int DECODE_SIDE = 4 * MAX_SIDE;

  private Logos() {
  }

  /** The uploaded image as a small PNG, made on the image threads (see {@link ImageWork}). */
  static Future<byte[]> normalised(Vertx vertx, Buffer upload) {
    return ImageWork.SHARED.run(vertx, () -> normalise(upload));
  }

  /**
   * The uploaded image as a small PNG; 400 when it is not a PNG or JPEG image or declares more than
   * {@value #MAX_PIXELS} pixels. Blocking CPU work.
   */
  static byte[] normalise(Buffer upload) {
    byte[] bytes = upload.getBytes();
    if (!isPng(bytes) && !isJpeg(bytes)) {
      throw ForumException.invalid(FIELD, "The logo must be a PNG or JPEG image.");
    }
    BufferedImage image = decodeSmall(bytes);
    double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(image.getWidth(), image.getHeight()));
    int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
    int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
    BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D graphics = small.createGraphics();
    graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    graphics.drawImage(image, 0, 0, width, height, null);
    graphics.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(small, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return png.toByteArray();
  }

  /**
   * Reads the image's size from its header (the reader parses no pixel data for it), refuses it over the limit,
   * then decodes every n-th row and column so that the decoded image is at most {@link #DECODE_SIDE} a side.
   */
  private static BufferedImage decodeSmall(byte[] bytes) {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw unreadable();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width < 1 || height < 1) {
          throw unreadable();
        }
        if ((long) width * height > MAX_PIXELS) {
          throw ForumException.invalid(FIELD, "The logo may have at most " + MAX_PIXELS / 1_000_000
              + " million pixels; this image declares " + width + " × " + height + ".");
        }
        int step = Math.max(1, (Math.max(width, height) + DECODE_SIDE - 1) / DECODE_SIDE);
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage image = reader.read(0, param);
        if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
          throw unreadable();
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ForumException problem) {
        throw problem;
      }
      throw unreadable();
    }
  }

  private static ForumException unreadable() {
    return ForumException.invalid(FIELD, "The logo must be a PNG or JPEG image that can be read.");
  }

  private static boolean isPng(byte[] bytes) {
    return bytes.length > 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
  }

  private static boolean isJpeg(byte[] bytes) {
    return bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF;
  }
}
