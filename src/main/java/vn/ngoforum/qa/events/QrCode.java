package vn.ngoforum.qa.events;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A QR code drawn on the server as SVG (ZXing encodes, this draws): a projector shows it as an {@code <img>} from the
 * forum's own origin, which the page's CSP allows, with no script and no inline style.
 *
 * <p>One path of unit squares on a white square with the standard four-module quiet zone, so any phone camera reads
 * it at any size the page gives it; medium error correction, which survives a projector's glare.
 */
public final class QrCode {

  private static final Map<EncodeHintType, Object> HINTS = Map.of(
      EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
      EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
      EncodeHintType.MARGIN, 4);

  private QrCode() {
  }

  /** The SVG document of the QR code of {@code text} (a URL), titled {@code title}. */
  public static String svg(String text, String title) {
    BitMatrix matrix;
    try {
      matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, HINTS);
    } catch (WriterException e) {
      throw new IllegalArgumentException("Cannot encode a QR code of " + text.length() + " characters", e);
    }
    int width = matrix.getWidth();
    int height = matrix.getHeight();
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < height; y++) {
      int x = 0;
      while (x < width) {
        if (!matrix.get(x, y)) {
          x++;
          continue;
        }
        int run = x;
        while (run < width && matrix.get(run, y)) {
          run++;
        }
        path.append('M').append(x).append(' ').append(y).append('h').append(run - x).append("v1h")
            .append(x - run).append('z');
        x = run;
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + height
        + "\" shape-rendering=\"crispEdges\" role=\"img\"><title>" + escape(title) + "</title>"
        + "<rect width=\"" + width + "\" height=\"" + height + "\" fill=\"#fff\"/>"
        + "<path fill=\"#000\" d=\"" + path + "\"/></svg>\n";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
