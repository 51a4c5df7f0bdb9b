package org.jfrthreads.cli;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfrthreads.report.RecordingAnalysis;

/**
 * The options of {@code jfr-threads analyze}.
 *
 * @param recording the .jfr file
 * @param format text, json or html
 * @param output where to write the report, or {@code null} for standard output
 * @param analysis thresholds and top N
 * @param progress whether to print progress: {@code null} to decide by the file's size and whether
 *     standard error is a terminal
 */
record AnalyzeOptions(
    Path recording,
    Format format,
    Path output,
    RecordingAnalysis.Options analysis,
    Boolean progress) {

  static final String USAGE =
      "analyze FILE.jfr [--format text|json|html] [--output FILE] [--threshold DURATION]"
          + " [--pinned-threshold DURATION] [--top N] [--progress|--quiet]";

  /** The report's form. */
  enum Format {
    TEXT,
    JSON,
    HTML
  }

  /**
   * A duration: a number and a unit, {@code 10ms}, {@code 500us}, {@code 1.5s}; {@code 0} alone.
   */
  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|min)");

  /**
   * @throws IllegalArgumentException naming the bad option or value and what is expected
   */
  static AnalyzeOptions parse(String... args) {
    Path recording = null;
    Format format = null;
    Path output = null;
    RecordingAnalysis.Options defaults = RecordingAnalysis.Options.defaults();
    Duration threshold = defaults.blockingThreshold();
    Duration pinnedThreshold = defaults.pinnedThreshold();
    int top = defaults.top();
    Boolean progress = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--progress" -> progress = true;
        case "--quiet" -> progress = false;
        case "--format", "--output", "--threshold", "--pinned-threshold", "--top" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(arg + ": missing value.");
          }
          String value = args[++i];
          switch (arg) {
            case "--format" -> format = format(value);
            case "--output" -> output = Path.of(value);
            case "--threshold" -> threshold = duration(arg, value);
            case "--pinned-threshold" -> pinnedThreshold = duration(arg, value);
            default -> top = top(value);
          }
        }
        default -> {
          if (arg.startsWith("-")) {
            throw new IllegalArgumentException(arg + ": unknown option.");
          }
          if (recording != null) {
            throw new IllegalArgumentException(
                arg + ": one recording only (already given: " + recording + ").");
          }
          recording = Path.of(arg);
        }
      }
    }
    if (recording == null) {
      throw new IllegalArgumentException("no recording given: name a .jfr file.");
    }
    if (format == null) {
      format = output == null ? Format.TEXT : formatOf(output);
    }
    return new AnalyzeOptions(
        recording,
        format,
        output,
        new RecordingAnalysis.Options(threshold, pinnedThreshold, top),
        progress);
  }

  private static Format format(String value) {
    return switch (value) {
      case "text" -> Format.TEXT;
      case "json" -> Format.JSON;
      case "html" -> Format.HTML;
      default ->
          throw new IllegalArgumentException(
              value + ": illegal --format. Expecting text, json or html.");
    };
  }

  // --output report.html without --format means html; likewise .json; anything else is text.
  private static Format formatOf(Path output) {
    String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".html") || name.endsWith(".htm")) {
      return Format.HTML;
    }
    return name.endsWith(".json") ? Format.JSON : Format.TEXT;
  }

  static Duration duration(String option, String value) {
    if (value.equals("0")) {
      return Duration.ZERO;
    }
    Matcher matcher = DURATION.matcher(value.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          value
              + ": illegal "
              + option
              + ". Expecting a number and a unit (ns, us, ms, s, min), for example 20ms.");
    }
    BigDecimal number = new BigDecimal(matcher.group(1));
    long nanosPerUnit =
        switch (matcher.group(2)) {
          case "ns" -> 1L;
          case "us", "µs" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          default -> 60_000_000_000L;
        };
    return Duration.ofNanos(number.multiply(BigDecimal.valueOf(nanosPerUnit)).longValue());
  }

  private static int top(String value) {
    try {
      int top = Integer.parseInt(value);
      if (top >= 1 && top <= 1000) {
        return top;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        value + ": illegal --top. Expecting a number from 1 to 1000.");
  }
}
