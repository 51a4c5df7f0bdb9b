package org.jfrthreads.exporter.internal.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.jfrthreads.stream.internal.Durations;

/**
 * How the text of a setting is read: one grammar per type, shared by every setting of that type.
 *
 * <p>A value that does not fit the grammar gives an {@link IllegalArgumentException} that leads
 * with the text and states the grammar. Whether a value that fits is in range is for the setter of
 * the builder it goes to.
 *
 * @param <T> the Java type of the values
 */
public final class ValueType<T> {

  /** {@code 0}, {@code 500us}, {@code 20ms}, {@code 1.5s}, {@code 2m}, {@code 1h}. */
  public static final ValueType<Duration> DURATION =
      new ValueType<>("duration", Durations::parse, Durations::format);

  /** A whole number that fits an {@code int}. */
  public static final ValueType<Integer> INTEGER =
      new ValueType<>(
          "integer",
          text -> Math.toIntExact(whole(text, Integer.MAX_VALUE)),
          value -> Integer.toString(value));

  /** A whole number that fits a {@code long}. */
  public static final ValueType<Long> LONG =
      new ValueType<>(
          "integer", text -> whole(text, Long.MAX_VALUE), value -> Long.toString(value));

  /** A decimal number, such as {@code 0.25}. */
  public static final ValueType<Double> DECIMAL =
      new ValueType<>("decimal", ValueType::decimal, value -> Double.toString(value));

  /** {@code true} or {@code false}. */
  public static final ValueType<Boolean> BOOLEAN =
      new ValueType<>("boolean", ValueType::bool, value -> Boolean.toString(value));

  /**
   * Class-name prefixes separated by {@code :}, such as {@code io.netty.:org.acme.}; an empty one
   * (as in {@code :} or {@code a::b}) is kept, for the builder to refuse.
   */
  public static final ValueType<List<String>> PREFIXES =
      new ValueType<>(
          "prefixes", text -> List.of(text.split(":", -1)), value -> String.join(":", value));

  /** Any text, such as a user name. */
  public static final ValueType<String> TEXT = new ValueType<>("text", text -> text, text -> text);

  /** The path of a file. */
  public static final ValueType<Path> FILE =
      new ValueType<>("file", ValueType::path, Path::toString);

  /** The level of the agent's own log. */
  public static final ValueType<String> LOG_LEVEL =
      new ValueType<>("level", ValueType::logLevel, level -> level);

  /** The levels of {@link #LOG_LEVEL}, from the fewest lines to the most, and off. */
  public static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "off");

  private final String name;
  private final Function<String, T> parser;
  private final Function<T, String> formatter;

  private ValueType(String name, Function<String, T> parser, Function<T, String> formatter) {
    this.name = name;
    this.parser = parser;
    this.formatter = formatter;
  }

  /** The type's name in the table: {@code duration}, {@code integer}, {@code boolean} ... */
  public String name() {
    return name;
  }

  /**
   * Reads {@code text}, stripped of surrounding blanks.
   *
   * @throws IllegalArgumentException leading with {@code text}, stating the grammar
   */
  public T parse(String text) {
    return parser.apply(Objects.requireNonNull(text, "text").strip());
  }

  /** Writes {@code value} as {@link #parse} reads it. */
  public String format(T value) {
    return formatter.apply(value);
  }

  @Override
  public String toString() {
    return name;
  }

  private static long whole(String text, long max) {
    if (!text.matches("-?\\d+")) {
      throw new IllegalArgumentException(text + ": illegal value. Expecting a whole number.");
    }
    try {
      long value = Long.parseLong(text);
      if (value >= -max && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // too many digits for a long: reported below
    }
    throw new IllegalArgumentException(
        text + ": illegal value. Expecting a whole number from " + -max + " to " + max + ".");
  }

  private static double decimal(String text) {
    if (!text.matches("-?\\d+(\\.\\d+)?")) {
      throw new IllegalArgumentException(
          text + ": illegal value. Expecting a decimal number, such as 0.25.");
    }
    return Double.parseDouble(text);
  }

  private static boolean bool(String text) {
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(text + ": illegal value. Expecting true or false.");
    };
  }

  private static Path path(String text) {
    if (text.isEmpty() || text.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "\"" + text + "\": illegal file. Expecting the path of a file.");
    }
    return Path.of(text);
  }

  private static String logLevel(String text) {
    String level = text.toLowerCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(level)) {
      throw new IllegalArgumentException(
          text + ": illegal log level. Expecting one of " + LOG_LEVELS + ".");
    }
    return level;
  }
}
