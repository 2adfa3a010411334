package vn.ngoforum.support;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Small image files made byte by byte for tests: real PNG and JPEG headers that declare any dimensions, so a test
 * can send a file of a few hundred bytes that claims to be a picture of billions of pixels (a "decompression
 * bomb": whoever allocates what the header declares runs out of memory).
 */
public final class Images {

  private Images() {
  }

  /**
   * A PNG whose header declares {@code width} × {@code height} 8-bit grey pixels, followed by a few rows of real
   * image data only (the rest is missing), with correct chunk CRCs.
   */
  public static byte[] png(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height)
        .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", header.array());
    Deflater deflater = new Deflater();
    deflater.setInput(new byte[4096]);
    deflater.finish();
    byte[] compressed = new byte[8192];
    int length = deflater.deflate(compressed);
    deflater.end();
    chunk(out, "IDAT", java.util.Arrays.copyOf(compressed, length));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /**
   * A baseline JPEG whose frame header declares {@code width} × {@code height} grey pixels (both at most 65535),
   * with its quantisation and Huffman tables and no scan data.
   */
  public static byte[] jpeg(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd8});
    segment(out, 0xe0, "JFIF\0".getBytes(StandardCharsets.US_ASCII), new byte[] {1, 1, 0, 0, 1, 0, 1, 0, 0});
    byte[] quantisation = new byte[65];
    java.util.Arrays.fill(quantisation, (byte) 1);
    quantisation[0] = 0;
    segment(out, 0xdb, quantisation);
    segment(out, 0xc0, new byte[] {8, (byte) (height >> 8), (byte) height, (byte) (width >> 8), (byte) width, 1,
        1, 0x11, 0});
    // One DC and one AC table, each with a single one-bit code.
    byte[] dc = new byte[1 + 16 + 1];
    dc[0] = 0x00;
    dc[1] = 1;
    segment(out, 0xc4, dc);
    byte[] ac = new byte[1 + 16 + 1];
    ac[0] = 0x10;
    ac[1] = 1;
    segment(out, 0xc4, ac);
    segment(out, 0xda, new byte[] {1, 1, 0, 0, 63, 0});
    out.writeBytes(new byte[] {0, 0, 0, 0, (byte) 0xff, (byte) 0xd9});
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(name);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static void segment(ByteArrayOutputStream out, int marker, byte[]... parts) {
    int length = 2;
    for (byte[] part : parts) {
      length += part.length;
    }
    out.writeBytes(new byte[] {(byte) 0xff, (byte) marker, (byte) (length >> 8), (byte) length});
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
  }
}
