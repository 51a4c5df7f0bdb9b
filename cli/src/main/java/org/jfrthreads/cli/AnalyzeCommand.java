package org.jfrthreads.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jfrthreads.cli.internal.report.BadRecordingException;
import org.jfrthreads.cli.internal.report.HtmlReport;
import org.jfrthreads.cli.internal.report.JsonReport;
import org.jfrthreads.cli.internal.report.RecordingAnalysis;
import org.jfrthreads.cli.internal.report.RecordingSpan;
import org.jfrthreads.cli.internal.report.ReportModel;
import org.jfrthreads.cli.internal.report.TextReport;

/**
 * {@code jfr-threads analyze FILE.jfr}: the report of a recording, as text, JSON or HTML.
 *
 * <p>Exit codes: {@value #OK} the report was written; {@value #BAD_INPUT} the recording cannot be
 * analyzed (missing, a directory, a pipe or a device, not a recording, truncated, damaged, no
 * thread events) or the report cannot be written whole (a full disk, a closed standard output, an
 * {@code --output} that is the recording itself); {@value #USAGE} the command line is wrong. Every
 * failure is one line on standard error that names the file or option and what to do. A damaged
 * recording is refused, never reported in part.
 */
public final class AnalyzeCommand {

  static final int OK = 0;
  static final int BAD_INPUT = 1;
  static final int USAGE = Cli.USAGE;

  /** Files this large show progress even when standard error is not a terminal. */
  static final long LARGE_FILE_BYTES = 256L * 1024 * 1024;

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private AnalyzeCommand() {}

  /** The command line's entry point: runs, then exits with the code. */
  public static void main(String[] args) {
    quietStreamLog();
    System.exit(run(args, System.out, System.err));
  }

  private static final String STREAM_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.jfrthreads.stream";

  // The report says what went wrong in one line of its own; the stream's log lines, meant for a
  // watched application's log, would repeat it. Set before the first logger is made.
  static void quietStreamLog() {
    if (System.getProperty(STREAM_LOG_LEVEL) == null) {
      System.setProperty(STREAM_LOG_LEVEL, "off");
    }
  }

  /** Runs the command; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return Cli.execute(new AnalyzeOptions.Arguments(out, err), args, out, err);
  }

  /** Runs the command with options already read; returns the exit code. */
  static int run(AnalyzeOptions options, PrintStream out, PrintStream err) {
    String overwrite = overwritesRecording(options);
    if (overwrite != null) {
      err.println("jfr-threads analyze: " + overwrite);
      return BAD_INPUT;
    }
    ReportModel model;
    try {
      model =
          RecordingAnalysis.analyze(
              options.recording(), options.analysis(), progress(options, err));
    } catch (BadRecordingException e) {
      err.println("jfr-threads analyze: " + e.getMessage());
      return BAD_INPUT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("jfr-threads analyze: interrupted.");
      return BAD_INPUT;
    }
    String report =
        switch (options.format()) {
          case TEXT -> TextReport.render(model);
          case JSON -> JsonReport.render(model);
          case HTML -> HtmlReport.render(model);
        };
    if (options.output() == null) {
      out.print(report);
      out.flush();
      // PrintStream keeps its errors to itself: a closed standard output or a full disk would
      // otherwise lose the report with exit code 0.
      if (out.checkError()) {
        err.println(
            "jfr-threads analyze: cannot write the report to standard output (closed, or the disk"
                + " is full): write it to a file with --output FILE.");
        return BAD_INPUT;
      }
      return OK;
    }
    try {
      Files.writeString(options.output(), report, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println(
          "jfr-threads analyze: " + options.output() + ": cannot write the report (" + e + ").");
      return BAD_INPUT;
    }
    err.println("jfr-threads analyze: wrote " + options.output());
    return OK;
  }

  /**
   * The message refusing an {@code --output} that is the recording itself (by another name, a link,
   * or a hard link: file keys are compared), or {@code null} if it is not.
   */
  private static String overwritesRecording(AnalyzeOptions options) {
    Path output = options.output();
    if (output == null || !Files.exists(output) || !Files.exists(options.recording())) {
      return null;
    }
    try {
      if (!Files.isSameFile(output, options.recording())) {
        return null;
      }
    } catch (IOException e) {
      return null; // the reading or the writing reports what is wrong with it
    }
    return output
        + ": --output names the recording itself, which the report would overwrite: give"
        + " another file.";
  }

  private static RecordingAnalysis.Progress progress(AnalyzeOptions options, PrintStream err) {
    boolean show =
        options.progress() != null
            ? options.progress()
            : stderrIsTerminal() || size(options.recording()) >= LARGE_FILE_BYTES;
    if (!show) {
      return RecordingAnalysis.Progress.NONE;
    }
    return (events, latestEpochNanos, span) -> {
      StringBuilder line =
          new StringBuilder("jfr-threads analyze: ")
              .append(String.format(Locale.ROOT, "%,d", events))
              .append(" thread events read");
      if (latestEpochNanos > 0) {
        line.append(", up to ")
            .append(CLOCK.format(Instant.ofEpochSecond(0, latestEpochNanos)))
            .append(" UTC");
        if (span != null && span.timeOrdered() && span.durationNanos() > 0) {
          line.append(
              String.format(
                  Locale.ROOT, " (%.0f %% of the recording)", percent(latestEpochNanos, span)));
        }
      }
      err.println(line);
    };
  }

  private static double percent(long epochNanos, RecordingSpan span) {
    double done = (double) (epochNanos - span.startEpochNanos()) / span.durationNanos();
    return 100 * Math.max(0, Math.min(1, done));
  }

  // No Java API tells whether standard error is a terminal; on Linux its file descriptor says.
  private static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
