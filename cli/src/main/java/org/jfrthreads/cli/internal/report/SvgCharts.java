package org.jfrthreads.cli.internal.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Inline SVG charts drawn from report data: histograms on logarithmic duration bins, and a line
 * chart over time. Self-contained (no script, no external reference); sizes are in SVG user units
 * and the charts scale to their container.
 */
final class SvgCharts {

  /** One coloured series of a chart. */
  record Series(String name, String color, List<DurationSummary.Bin> bins) {}

  /** One coloured line of a time chart: values at the end of each bucket. */
  record Line(String name, String color, long[] values) {}

  private static final int HISTOGRAM_WIDTH = 560;
  private static final int HISTOGRAM_HEIGHT = 240;
  private static final int TIMELINE_WIDTH = 1120;
  private static final int TIMELINE_HEIGHT = 280;
  private static final int LEFT = 56;
  private static final int RIGHT = 16;
  private static final int TOP = 16;
  private static final int BOTTOM = 44;

  private SvgCharts() {}

  /** Grouped bars: one group per duration bin, one bar per series; counts on a linear axis. */
  static String histogram(String label, List<Series> series) {
    long[] edges = DurationSummary.BIN_EDGES_NANOS;
    int first = edges.length;
    int last = -1;
    for (Series s : series) {
      for (DurationSummary.Bin bin : s.bins()) {
        int index = DurationSummary.binOf(bin.lowerNanos());
        first = Math.min(first, index);
        last = Math.max(last, index);
      }
    }
    StringBuilder svg = open(HISTOGRAM_WIDTH, HISTOGRAM_HEIGHT, label);
    if (last < 0) {
      empty(svg, HISTOGRAM_WIDTH, HISTOGRAM_HEIGHT);
      return svg.append("</svg>").toString();
    }
    // At least six groups, so that a single bin does not fill the chart with one huge bar.
    while (last - first + 1 < 6) {
      if (first > 0) {
        first--;
      }
      if (last - first + 1 < 6 && last < edges.length - 1) {
        last++;
      }
    }
    int groups = last - first + 1;
    long[][] counts = new long[series.size()][groups];
    long max = 0;
    for (int s = 0; s < series.size(); s++) {
      for (DurationSummary.Bin bin : series.get(s).bins()) {
        int group = DurationSummary.binOf(bin.lowerNanos()) - first;
        counts[s][group] += bin.count();
        max = Math.max(max, counts[s][group]);
      }
    }
    double plotWidth = HISTOGRAM_WIDTH - LEFT - RIGHT;
    double plotHeight = HISTOGRAM_HEIGHT - TOP - BOTTOM;
    long[] ticks = ticks(0, max);
    double top = ticks[ticks.length - 1];
    yAxis(svg, ticks, 0, top, HISTOGRAM_WIDTH, plotHeight, HumanUnits::count);
    double groupWidth = plotWidth / groups;
    double barWidth = Math.max(2, (groupWidth - 6) / series.size());
    for (int g = 0; g < groups; g++) {
      double groupX = LEFT + g * groupWidth;
      for (int s = 0; s < series.size(); s++) {
        long count = counts[s][g];
        if (count == 0) {
          continue;
        }
        double height = Math.max(1, count / top * plotHeight);
        double x = groupX + 3 + s * barWidth;
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"2\""
                    + " fill=\"%s\"><title>%s: %s in %s to %s</title></rect>",
                x,
                TOP + plotHeight - height,
                barWidth - 1,
                height,
                series.get(s).color(),
                escape(series.get(s).name()),
                HumanUnits.count(count),
                HumanUnits.axisDuration(edges[first + g]),
                first + g + 1 < edges.length
                    ? HumanUnits.axisDuration(edges[first + g + 1])
                    : "more"));
      }
      // Label every group when there is room, else every other one.
      if (groups <= 12 || g % 2 == 0) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>",
                groupX,
                TOP + (int) plotHeight + 16,
                escape(HumanUnits.axisDuration(edges[first + g]))));
      }
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" class=\"axis\" text-anchor=\"middle\">duration (bins from"
                + " the value below each mark)</text>",
            LEFT + plotWidth / 2,
            HISTOGRAM_HEIGHT - 6));
    return svg.append("</svg>").toString();
  }

  /**
   * Step lines over time.
   *
   * @param bucketNanos the width of each value's bucket
   * @param offsetNanos the time of the first bucket's start, from the recording's start
   */
  static String timeline(String label, List<Line> lines, long bucketNanos, long offsetNanos) {
    StringBuilder svg = open(TIMELINE_WIDTH, TIMELINE_HEIGHT, label);
    int buckets = lines.isEmpty() ? 0 : lines.get(0).values().length;
    if (buckets == 0) {
      empty(svg, TIMELINE_WIDTH, TIMELINE_HEIGHT);
      return svg.append("</svg>").toString();
    }
    long min = 0;
    long max = 1;
    for (Line line : lines) {
      for (long value : line.values()) {
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
    }
    long[] ticks = ticks(min, max);
    double bottom = ticks[0];
    double top = ticks[ticks.length - 1];
    double plotWidth = TIMELINE_WIDTH - LEFT - RIGHT;
    double plotHeight = TIMELINE_HEIGHT - TOP - BOTTOM;
    yAxis(svg, ticks, bottom, top, TIMELINE_WIDTH, plotHeight, HumanUnits::count);
    long spanNanos = buckets * bucketNanos;
    long timeStep = LiveTimeline.roundBucketNanos(spanNanos, 8);
    for (long tick = 0; tick <= spanNanos; tick += timeStep) {
      double x = LEFT + plotWidth * tick / spanNanos;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" class=\"tickmark\"/><text"
                  + " x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"middle\">%s</text>",
              x,
              TOP + (int) plotHeight,
              x,
              TOP + plotHeight + 4,
              x,
              TOP + plotHeight + 16,
              escape(
                  tick + offsetNanos == 0 ? "0" : "+" + timeLabel(tick + offsetNanos, timeStep))));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" class=\"axis\" text-anchor=\"middle\">time since the"
                + " recording began</text>",
            LEFT + plotWidth / 2,
            TIMELINE_HEIGHT - 6));
    for (Line line : lines) {
      StringBuilder points = new StringBuilder();
      double previousY = y(0, bottom, top, plotHeight);
      points.append(String.format(Locale.ROOT, "%.1f,%.1f", (double) LEFT, previousY));
      for (int i = 0; i < buckets; i++) {
        double x0 = LEFT + plotWidth * i / buckets;
        double x1 = LEFT + plotWidth * (i + 1) / buckets;
        double yValue = y(line.values()[i], bottom, top, plotHeight);
        points.append(String.format(Locale.ROOT, " %.1f,%.1f %.1f,%.1f", x0, yValue, x1, yValue));
      }
      String area =
          points
              + String.format(
                  Locale.ROOT,
                  " %.1f,%.1f %.1f,%.1f",
                  LEFT + plotWidth,
                  y(0, bottom, top, plotHeight),
                  (double) LEFT,
                  y(0, bottom, top, plotHeight));
      svg.append("<polygon points=\"")
          .append(area)
          .append("\" fill=\"")
          .append(line.color())
          .append("\" fill-opacity=\"0.12\"/>");
      svg.append("<polyline points=\"")
          .append(points)
          .append("\" fill=\"none\" stroke=\"")
          .append(line.color())
          .append("\" stroke-width=\"2\" stroke-linejoin=\"round\"><title>")
          .append(escape(line.name()))
          .append("</title></polyline>");
    }
    return svg.append("</svg>").toString();
  }

  // Ticks every 10 s read "+70 s" rather than "+1.17 min"; whole-minute steps read "+2 min".
  private static String timeLabel(long nanos, long stepNanos) {
    long second = 1_000_000_000L;
    if (nanos >= 60 * second && stepNanos % (60 * second) != 0 && nanos % second == 0) {
      return nanos / second + " s";
    }
    return HumanUnits.axisDuration(nanos);
  }

  private static double y(long value, double bottom, double top, double plotHeight) {
    return TOP + plotHeight - (value - bottom) / (top - bottom) * plotHeight;
  }

  private static StringBuilder open(int width, int height, String label) {
    return new StringBuilder()
        .append("<svg viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-label=\"")
        .append(escape(label))
        .append("\">");
  }

  private static void empty(StringBuilder svg, int width, int height) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" class=\"empty\" text-anchor=\"middle\">no data</text>",
            width / 2,
            height / 2));
  }

  private static void yAxis(
      StringBuilder svg,
      long[] ticks,
      double bottom,
      double top,
      int width,
      double plotHeight,
      LongFunction<String> format) {
    for (long tick : ticks) {
      double y = y(tick, bottom, top, plotHeight);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"%s\"/><text x=\"%d\""
                  + " y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>",
              LEFT,
              y,
              width - RIGHT,
              y,
              tick == 0 ? "zero" : "grid",
              LEFT - 6,
              y + 4,
              escape(format.apply(tick))));
    }
  }

  /** Round ticks from at or below {@code min} to at or above {@code max}, about five of them. */
  static long[] ticks(long min, long max) {
    return ticks(min, max, 5);
  }

  private static long[] ticks(long min, long max, int wanted) {
    long range = Math.max(1, max - min);
    long step = 1;
    while (step * wanted < range) {
      if (step * 2 * wanted >= range) {
        step *= 2;
      } else if (step * 5 * wanted >= range) {
        step *= 5;
      } else {
        step *= 10;
      }
    }
    long from = Math.floorDiv(min, step) * step;
    List<Long> ticks = new ArrayList<>();
    for (long tick = from; ; tick += step) {
      ticks.add(tick);
      if (tick >= max) {
        break;
      }
    }
    return ticks.stream().mapToLong(Long::longValue).toArray();
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        // Controls are not allowed in HTML text (C1 and DEL included); a space keeps the layout.
        default ->
            out.append((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F) ? ' ' : c);
      }
    }
    return out.toString();
  }
}
