package vn.ngoforum.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as SVG, for the README's benchmark figures: a few series over the same x values, a linear or a
 * logarithmic axis each way (data sizes and latencies span decades), the legend to the right. No library: the
 * charts are small and the bench runs without a display.
 */
final class LineChart {

  /** One line: its name in the legend, colour, SVG dash pattern ("" for solid) and a y value per x. */
  record Series(String name, String colour, String dash, List<Double> ys) {
  }

  private static final int WIDTH = 900;
  private static final int HEIGHT = 420;
  private static final int LEFT = 60;
  private static final int RIGHT = 340;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;
  private static final double PLOT_W = WIDTH - LEFT - RIGHT;
  private static final double PLOT_H = HEIGHT - TOP - BOTTOM;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final boolean logX;
  private final boolean logY;

  LineChart(String title, String xLabel, String yLabel, boolean logX, boolean logY) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.logX = logX;
    this.logY = logY;
  }

  String svg(List<Double> xs, List<Series> series) {
    double minX = logX ? xs.stream().mapToDouble(Double::doubleValue).min().orElse(1) : 0;
    double maxX = xs.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    double maxY = 1;
    double minY = Double.MAX_VALUE;
    for (Series s : series) {
      for (Double y : s.ys()) {
        if (y != null && !y.isNaN()) {
          maxY = Math.max(maxY, y);
          minY = Math.min(minY, y);
        }
      }
    }
    Axis x = new Axis(logX, minX, maxX, PLOT_W);
    Axis y = logY ? new Axis(true, Math.pow(10, Math.floor(Math.log10(Math.max(minY, 0.1)))),
        Math.pow(10, Math.ceil(Math.log10(maxY))), PLOT_H) : new Axis(false, 0, niceCeiling(maxY * 1.1), PLOT_H);
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
        LEFT, title));
    for (double tick : y.ticks()) {
      double at = TOP + PLOT_H - y.at(tick);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
          + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, at, LEFT + PLOT_W, at, LEFT - 6, at + 4,
          label(tick)));
    }
    for (double value : xs) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%,d</text>%n",
          LEFT + x.at(value), TOP + PLOT_H + 18, Math.round(value)));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
        LEFT + PLOT_W / 2, HEIGHT - 10, xLabel));
    svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.1f\" transform=\"rotate(-90 16 %.1f)\" "
        + "text-anchor=\"middle\">%s</text>%n", TOP + PLOT_H / 2, TOP + PLOT_H / 2, yLabel));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\"/>"
        + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>%n", LEFT, TOP, LEFT, TOP + PLOT_H,
        LEFT, TOP + PLOT_H, LEFT + PLOT_W, TOP + PLOT_H));
    int legendY = TOP + 10;
    for (Series s : series) {
      List<String> points = new ArrayList<>();
      for (int i = 0; i < xs.size() && i < s.ys().size(); i++) {
        Double value = s.ys().get(i);
        if (value == null || value.isNaN()) {
          continue;
        }
        double px = LEFT + x.at(xs.get(i));
        double py = TOP + PLOT_H - y.at(value);
        points.add(String.format(Locale.ROOT, "%.1f,%.1f", px, py));
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px, py,
            s.colour()));
      }
      svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
          + "stroke-dasharray=\"%s\"/>%n", String.join(" ", points), s.colour(), s.dash()));
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
          + "stroke-width=\"2\" stroke-dasharray=\"%s\"/><text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s</text>%n",
          LEFT + PLOT_W + 15, legendY, LEFT + PLOT_W + 45, legendY, s.colour(), s.dash(), LEFT + PLOT_W + 52,
          legendY + 4,
          escape(s.name().length() > 48 ? s.name().substring(0, 47) + "…" : s.name())));
      legendY += 20;
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  /** Where a value falls along an axis of {@code length} points. */
  private record Axis(boolean log, double min, double max, double length) {

    double at(double value) {
      if (log) {
        double span = Math.log10(max) - Math.log10(min);
        return span == 0 ? 0 : length * (Math.log10(Math.max(value, min)) - Math.log10(min)) / span;
      }
      return max == min ? 0 : length * (value - min) / (max - min);
    }

    List<Double> ticks() {
      List<Double> ticks = new ArrayList<>();
      if (log) {
        for (double tick = min; tick <= max * 1.0001; tick *= 10) {
          ticks.add(tick);
        }
      } else {
        for (int i = 0; i <= 5; i++) {
          ticks.add(min + (max - min) * i / 5);
        }
      }
      return ticks;
    }
  }

  static String label(double value) {
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static double niceCeiling(double value) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }
}
