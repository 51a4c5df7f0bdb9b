package org.jfrthreads.cli.internal.report;

import java.math.BigDecimal;
import java.util.Locale;

/** Durations, sizes and counts for people: {@code 850 µs}, {@code 1.2 ms}, {@code 2 min 10 s}. */
final class HumanUnits {

  private static final long MICRO = 1_000L;
  private static final long MILLI = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  private HumanUnits() {}

  /** A duration with two or three significant digits and the largest unit that fits. */
  static String duration(long nanos) {
    if (nanos < 0) {
      return "-" + duration(-nanos);
    }
    if (nanos == 0) {
      return "0";
    }
    if (nanos < MICRO) {
      return nanos + " ns";
    }
    if (nanos < MILLI) {
      return decimal(nanos, MICRO) + " µs";
    }
    if (nanos < SECOND) {
      return decimal(nanos, MILLI) + " ms";
    }
    if (nanos < MINUTE) {
      return decimal(nanos, SECOND) + " s";
    }
    if (nanos < HOUR) {
      return whole(nanos / MINUTE, "min", (nanos % MINUTE) / SECOND, "s");
    }
    if (nanos < DAY) {
      return whole(nanos / HOUR, "h", (nanos % HOUR) / MINUTE, "min");
    }
    return whole(nanos / DAY, "d", (nanos % DAY) / HOUR, "h");
  }

  /** A short axis label: {@code 1 µs}, {@code 20 ms}, {@code 5 s}, {@code 2 min}. */
  static String axisDuration(long nanos) {
    if (nanos >= MINUTE && nanos % MINUTE != 0 && nanos < HOUR) {
      return decimal(nanos, MINUTE) + " min";
    }
    if (nanos >= HOUR && nanos < DAY) {
      return (nanos % HOUR == 0 ? Long.toString(nanos / HOUR) : decimal(nanos, HOUR)) + " h";
    }
    if (nanos >= DAY) {
      return (nanos % DAY == 0 ? Long.toString(nanos / DAY) : decimal(nanos, DAY)) + " d";
    }
    return duration(nanos);
  }

  /**
   * Seconds with nine decimals at most and no trailing zeros, for JSON: {@code 0.15}, {@code 2}.
   */
  static String seconds(long nanos) {
    return new BigDecimal(nanos).movePointLeft(9).stripTrailingZeros().toPlainString();
  }

  /** A count with thousands separators: {@code 1,234,567}. */
  static String count(long count) {
    return String.format(Locale.ROOT, "%,d", count);
  }

  /** A file size: {@code 812 B}, {@code 3.4 MB}, {@code 2.1 GB} (powers of 1000). */
  static String bytes(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return trimmed(value) + " " + units[unit];
  }

  private static String decimal(long nanos, long unit) {
    return trimmed((double) nanos / unit);
  }

  // Three significant digits below 100, whole numbers above: 1.25, 12.5, 125.
  private static String trimmed(double value) {
    String text;
    if (value < 10) {
      text = String.format(Locale.ROOT, "%.2f", value);
    } else if (value < 100) {
      text = String.format(Locale.ROOT, "%.1f", value);
    } else {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    text = text.replaceAll("0+$", "");
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  private static String whole(long major, String majorUnit, long minor, String minorUnit) {
    return minor == 0
        ? major + " " + majorUnit
        : major + " " + majorUnit + " " + minor + " " + minorUnit;
  }
}
