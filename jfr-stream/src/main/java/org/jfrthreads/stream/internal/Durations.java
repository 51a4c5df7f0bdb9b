package org.jfrthreads.stream.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way jfr-threads writes and reads durations: a number and a unit, {@code 0}, {@code
 * 500us}, {@code 20ms}, {@code 1.5s}, {@code 2m}, {@code 1h}.
 *
 * <p>Units are {@code ns}, {@code us} (or {@code µs}), {@code ms}, {@code s}, {@code m} (or {@code
 * min}) and {@code h}. A duration is a whole number of nanoseconds up to {@link #MAX}, about 292
 * years; anything past it is refused, never wrapped round.
 *
 * <pre>{@code
 * Durations.parse("1.5s");                      // PT1.5S
 * Durations.format(Duration.ofMillis(1500));    // "1.5s"
 * }</pre>
 */
public final class Durations {

  /** The longest duration: {@link Long#MAX_VALUE} nanoseconds. */
  public static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);

  /** The grammar, for messages and help texts. */
  public static final String GRAMMAR =
      "a number and a unit (ns, us, ms, s, m, h), such as 500us, 20ms, 1.5s or 2m, or 0";

  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|min|h)");

  private static final long[] UNIT_NANOS = {
    3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L
  };
  private static final String[] UNIT_NAMES = {"h", "m", "s", "ms", "us", "ns"};

  private Durations() {}

  /**
   * Reads a duration.
   *
   * @throws IllegalArgumentException leading with {@code text}: not a duration, not whole
   *     nanoseconds, or longer than {@link #MAX}
   */
  public static Duration parse(String text) {
    String value = text.strip();
    if (value.equals("0")) {
      return Duration.ZERO;
    }
    Matcher matcher = DURATION.matcher(value);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(text + ": illegal duration. Expecting " + GRAMMAR + ".");
    }
    BigDecimal nanos =
        new BigDecimal(matcher.group(1))
            .multiply(BigDecimal.valueOf(nanosPerUnit(matcher.group(2))));
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(
          text + ": illegal duration. Expecting at most " + MAX.toHours() + "h (about 292 years).");
    }
    try {
      return Duration.ofNanos(nanos.longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          text + ": illegal duration. Expecting whole nanoseconds, such as 1.5us or 1500ns.");
    }
  }

  /**
   * Writes a duration in the largest unit that keeps it exact with at most three decimals: {@code
   * 1.5s}, {@code 100ms}, {@code 2m}, {@code 0}; a negative one with a leading {@code -}.
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      return duration.equals(Duration.ofSeconds(Long.MIN_VALUE))
          ? duration.toString()
          : "-" + format(duration.negated());
    }
    if (duration.isZero()) {
      return "0";
    }
    BigDecimal nanos =
        BigDecimal.valueOf(duration.getSeconds())
            .multiply(BigDecimal.valueOf(1_000_000_000L))
            .add(BigDecimal.valueOf(duration.getNano()));
    for (int unit = 0; unit < UNIT_NANOS.length; unit++) {
      BigDecimal inUnit;
      try {
        inUnit = nanos.divide(BigDecimal.valueOf(UNIT_NANOS[unit]), 3, RoundingMode.UNNECESSARY);
      } catch (ArithmeticException notExact) {
        continue;
      }
      if (inUnit.compareTo(BigDecimal.ONE) >= 0) {
        return inUnit.stripTrailingZeros().toPlainString() + UNIT_NAMES[unit];
      }
    }
    return nanos.toPlainString() + "ns";
  }

  private static long nanosPerUnit(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m", "min" -> 60_000_000_000L;
      default -> 3_600_000_000_000L;
    };
  }
}
