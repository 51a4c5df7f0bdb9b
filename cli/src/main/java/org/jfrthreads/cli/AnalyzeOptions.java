package org.jfrthreads.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jfrthreads.cli.internal.report.RecordingAnalysis;
import org.jfrthreads.exporter.internal.settings.Configuration;
import org.jfrthreads.exporter.internal.settings.Setting;
import org.jfrthreads.exporter.internal.settings.Settings;
import org.jfrthreads.stream.BlockingKind;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

  /** The command line of {@code analyze}, read by picocli. */
  @Command(
      name = "analyze",
      mixinStandardHelpOptions = true,
      customSynopsis = "jfr-threads " + USAGE,
      description = {
        "A report of a JFR recording's threads: lifetimes, blocking, pinning, creation sites.",
        "Exit codes: 0 the report was written; 1 the recording cannot be analyzed or the report"
            + " cannot be written; 2 the command line is wrong."
      })
  static final class Arguments implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE.jfr", arity = "0..*", description = "the recording")
    java.util.List<String> recordings = new java.util.ArrayList<>();

    @Option(
        names = "--format",
        paramLabel = "text|json|html",
        description = "the report's form; default: by the --output file's extension, else text")
    String format;

    @Option(
        names = "--output",
        paramLabel = "FILE",
        description = "where to write the report; default: standard output")
    Path output;

    @Option(
        names = "--threshold",
        paramLabel = "DURATION",
        description =
            "shortest monitor, wait, park or sleep event counted; default ${DEFAULT-VALUE}")
    String threshold = Settings.THRESHOLD_ALL.defaultValue();

    @Option(
        names = "--pinned-threshold",
        paramLabel = "DURATION",
        description = "shortest pinned event counted; default ${DEFAULT-VALUE}")
    String pinnedThreshold = Settings.THRESHOLD_PINNED.defaultValue();

    @Option(
        names = "--top",
        paramLabel = "N",
        description =
            "classes and sites kept by name per kind, 1 to 1000; default ${DEFAULT-VALUE}")
    String top = Settings.TOP_N.defaultValue();

    @ArgGroup(exclusive = true)
    ProgressChoice progress;

    static final class ProgressChoice {
      @Option(names = "--progress", description = "print progress on standard error")
      boolean progress;

      @Option(names = "--quiet", description = "print no progress")
      boolean quiet;
    }

    private final PrintStream out;
    private final PrintStream err;

    Arguments() {
      this(System.out, System.err);
    }

    Arguments(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() {
      AnalyzeCommand.quietStreamLog();
      return AnalyzeCommand.run(options(), out, err);
    }

    /** The options, checked. */
    AnalyzeOptions options() {
      if (recordings.isEmpty()) {
        throw Cli.usage(spec, "no recording given: name a .jfr file.");
      }
      if (recordings.size() > 1) {
        throw Cli.usage(
            spec,
            recordings.get(1) + ": one recording only (already given: " + recordings.get(0) + ").");
      }
      Configuration settings = Configuration.events();
      set(settings, "--threshold", Settings.THRESHOLD_ALL, threshold);
      set(settings, "--pinned-threshold", Settings.THRESHOLD_PINNED, pinnedThreshold);
      set(settings, "--top", Settings.TOP_N, top);
      Format chosen = format == null ? (output == null ? Format.TEXT : formatOf(output)) : format();
      return new AnalyzeOptions(
          Path.of(recordings.get(0)),
          chosen,
          output,
          new RecordingAnalysis.Options(
              settings.eventSettings().threshold(BlockingKind.MONITOR_ENTER),
              settings.eventSettings().pinnedThreshold(),
              settings.analyzerConfig().topN()),
          progress == null ? null : progress.progress);
    }

    private void set(Configuration settings, String option, Setting<?> setting, String text) {
      try {
        settings.apply(setting, text);
      } catch (IllegalArgumentException e) {
        throw Cli.usage(spec, option + "=" + e.getMessage());
      }
    }

    private Format format() {
      return switch (format) {
        case "text" -> Format.TEXT;
        case "json" -> Format.JSON;
        case "html" -> Format.HTML;
        default ->
            throw Cli.usage(spec, format + ": illegal --format. Expecting text, json or html.");
      };
    }
  }

  // --output report.html without --format means html; likewise .json; anything else is text.
  private static Format formatOf(Path output) {
    String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".html") || name.endsWith(".htm")) {
      return Format.HTML;
    }
    return name.endsWith(".json") ? Format.JSON : Format.TEXT;
  }
}
