package vn.ngoforum.registry.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import vn.ngoforum.support.Images;
import vn.ngoforum.error.ForumException;

/** Logos are checked from their header before any pixel is decoded. */
class LogosTest {

  /** Far less than any of the bombs below would take decoded (400 MB and more). */
  private static final long ALLOCATION_BUDGET = 32L * 1024 * 1024;

  @Test
  @DisplayName("a small PNG or JPEG whose header declares hundreds of millions of pixels is refused (400) without"
      + " allocating them")
  void pixelBombsRefusedFromTheHeader() {
    for (byte[] bomb : new byte[][] {Images.png(30_000, 30_000), Images.jpeg(20_000, 20_000)}) {
      long before = allocatedByThisThread();
      ForumException refused = assertThrows(ForumException.class, () -> Logos.normalise(Buffer.buffer(bomb)));
      long allocated = allocatedByThisThread() - before;
      assertEquals(400, refused.status());
      assertTrue(refused.getMessage().contains("pixels"), refused.getMessage());
      assertTrue(allocated < ALLOCATION_BUDGET, "allocated " + allocated / (1024 * 1024) + " MB");
    }
  }

  @Test
  @DisplayName("a large photo within the limit is shrunk to 256 px without decoding it at full size")
  void largePhotoShrunkCheaply() throws IOException {
    BufferedImage photo = new BufferedImage(6000, 3000, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(photo, "jpg", jpeg);
    long before = allocatedByThisThread();
    byte[] png = Logos.normalise(Buffer.buffer(jpeg.toByteArray()));
    long allocated = allocatedByThisThread() - before;
    BufferedImage logo = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(256, logo.getWidth());
    assertEquals(128, logo.getHeight());
    // Decoded whole, the photo would take 54 MB (3 bytes a pixel) before being shrunk.
    assertTrue(allocated < ALLOCATION_BUDGET, "allocated " + allocated / (1024 * 1024) + " MB");
  }

  private static long allocatedByThisThread() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }
}
