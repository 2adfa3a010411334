package vn.ngoforum.registry;

import io.vertx.core.buffer.Buffer;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import vn.ngoforum.web.ForumException;

/**
 * Organisation logos: what was uploaded must really be a PNG or JPEG image (checked by its bytes and by
 * decoding it, never by the declared type or file name), and is stored re-encoded as a PNG of at most
 * {@value #MAX_SIDE} pixels a side, so the directory loads small files and nothing of the original (metadata,
 * trailing payloads) is ever served. Decoding is CPU work: callers run it off the event loop.
 */
final class Logos {

  static final int MAX_SIDE = 256;
  private static final long MAX_PIXELS = 40_000_000L;

  private Logos() {
  }

  /** The uploaded image as a small PNG; 400 when it is not a PNG or JPEG image. */
  static byte[] normalise(Buffer upload) {
    byte[] bytes = upload.getBytes();
    if (!isPng(bytes) && !isJpeg(bytes)) {
      throw ForumException.invalid("The logo must be a PNG or JPEG image.");
    }
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      image = null;
    }
    if (image == null || image.getWidth() < 1 || image.getHeight() < 1
        || (long) image.getWidth() * image.getHeight() > MAX_PIXELS) {
      throw ForumException.invalid("The logo must be a PNG or JPEG image that can be read.");
    }
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

  private static boolean isPng(byte[] bytes) {
    return bytes.length > 8 && (bytes[0] & 0xFF) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
  }

  private static boolean isJpeg(byte[] bytes) {
    return bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF;
  }
}
