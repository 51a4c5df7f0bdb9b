package org.jfrthreads.cli.internal.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.analyzer.TracedBlocking;

/**
 * A report for a terminal: aligned tables at most {@value #PAGE_WIDTH} columns wide (long class
 * names are shortened from the left), human units.
 *
 * <pre>
 * THREADS
 *   kind      started  ended  live at end  lifetime p50  p99     max
 *   platform       14     13            1        151 ms  152 ms  152 ms
 * </pre>
 */
public final class TextReport {

  static final int PAGE_WIDTH = 100;
  private static final int SPARKLINE_WIDTH = 60;
  private static final String BARS = "▁▂▃▄▅▆▇█";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private TextReport() {}

  public static String render(ReportModel model) {
    StringBuilder text = new StringBuilder();
    header(text, model);
    threads(text, model);
    blockingByKind(text, model);
    topBlocking(text, model);
    pinning(text, model);
    slowestTraced(text, model);
    liveBySite(text, model);
    timeline(text, model);
    growth(text, model);
    notes(text, model);
    return text.toString();
  }

  private static void header(StringBuilder text, ReportModel model) {
    ReportModel.Recording recording = model.recording();
    text.append("jfr-threads analyze: ").append(TerminalText.escape(recording.file()));
    if (recording.sizeBytes() >= 0) {
      text.append(" (").append(HumanUnits.bytes(recording.sizeBytes()));
      if (recording.chunks() > 0) {
        text.append(", ")
            .append(recording.chunks())
            .append(recording.chunks() == 1 ? " chunk" : " chunks");
      }
      text.append(')');
    }
    text.append('\n');
    text.append("Recorded ")
        .append(time(recording.startEpochNanos()))
        .append(" to ")
        .append(time(recording.endEpochNanos()))
        .append(" UTC (")
        .append(HumanUnits.duration(recording.durationNanos()))
        .append("), ")
        .append(HumanUnits.count(recording.eventsAnalyzed()))
        .append(" thread events analyzed\n");
  }

  private static void threads(StringBuilder text, ReportModel model) {
    section(text, "THREADS");
    TextTable table =
        new TextTable(
            -1, "kind", ">started", ">ended", ">live at end", ">lifetimes", ">p50", ">p99", ">max");
    for (ThreadKind kind : ThreadKind.values()) {
      ReportModel.ThreadSummary threads = model.threads(kind);
      DurationSummary lifetimes = threads.lifetimes();
      table.row(
          name(kind),
          seen(threads, threads.started()),
          seen(threads, threads.ended()),
          seen(threads, threads.liveAtEnd()),
          seen(threads, lifetimes.count()),
          quantile(lifetimes, lifetimes.p50Nanos()),
          quantile(lifetimes, lifetimes.p99Nanos()),
          quantile(lifetimes, lifetimes.maxNanos()));
    }
    text.append(table.render(PAGE_WIDTH));
  }

  private static void blockingByKind(StringBuilder text, ReportModel model) {
    section(
        text,
        "BLOCKING BY KIND (events of "
            + HumanUnits.duration(model.settings().blockingThresholdNanos())
            + " or more)");
    if (model.blockingByKind().isEmpty()) {
      text.append("  none\n");
      return;
    }
    TextTable table =
        new TextTable(-1, "kind", "threads", ">count", ">total", ">p50", ">p99", ">max");
    for (ReportModel.BlockingSummary row : model.blockingByKind()) {
      durations(table, row.durations(), row.kind().label(), name(row.threadKind()));
    }
    text.append(table.render(PAGE_WIDTH));
  }

  private static void topBlocking(StringBuilder text, ReportModel model) {
    section(text, "TOP BLOCKING CLASSES BY TOTAL TIME");
    if (model.topBlocking().isEmpty()) {
      text.append("  none\n");
      return;
    }
    TextTable table =
        new TextTable(2, "kind", "threads", "class", ">count", ">total", ">p50", ">p99", ">max");
    for (ReportModel.BlockedRow row : model.topBlocking()) {
      durations(
          table, row.durations(), row.kind().label(), name(row.threadKind()), row.className());
    }
    text.append(table.render(PAGE_WIDTH));
  }

  private static void pinning(StringBuilder text, ReportModel model) {
    section(
        text,
        "PINNED VIRTUAL THREADS BY REASON AND SITE (events of "
            + HumanUnits.duration(model.settings().pinnedThresholdNanos())
            + " or more)");
    if (model.pinning().isEmpty()) {
      text.append("  none\n");
      return;
    }
    TextTable table =
        new TextTable(1, "reason", "site", ">count", ">total", ">p50", ">p99", ">max");
    for (ReportModel.PinnedRow row : model.pinning()) {
      durations(table, row.durations(), row.reason(), row.site());
    }
    text.append(table.render(PAGE_WIDTH));
  }

  // Only for a recording with scope events: without, no blocking can name its trace.
  private static void slowestTraced(StringBuilder text, ReportModel model) {
    if (!model.hasTraceScopes()) {
      return;
    }
    section(text, "SLOWEST BLOCKING IN TRACED SCOPES (trace of the innermost scope around it)");
    if (model.slowestTraced().isEmpty()) {
      text.append("  none\n");
      return;
    }
    TextTable table =
        new TextTable(
            1, "kind", "charged to", ">thread", ">duration", "ended", "trace id", "span id");
    for (TracedBlocking traced : model.slowestTraced()) {
      table.row(
          traced.kind(),
          traced.charge(),
          Long.toString(traced.threadId()),
          HumanUnits.duration(traced.exemplar().durationNanos()),
          time(traced.exemplar().endEpochNanos()),
          traced.exemplar().traceId(),
          traced.exemplar().spanId());
    }
    text.append(table.render(PAGE_WIDTH));
  }

  private static void liveBySite(StringBuilder text, ReportModel model) {
    if (model.liveBySite().isEmpty()) {
      return;
    }
    section(text, "LIVE THREADS AT THE END BY CREATION SITE");
    List<ReportModel.LiveSite> sites = model.liveBySite().get();
    if (sites.isEmpty()) {
      text.append("  none\n");
      return;
    }
    TextTable table = new TextTable(0, "site", "threads", ">live");
    for (ReportModel.LiveSite site : sites) {
      table.row(site.site(), name(site.kind()), HumanUnits.count(site.live()));
    }
    text.append(table.render(PAGE_WIDTH));
  }

  private static void timeline(StringBuilder text, ReportModel model) {
    Timeline timeline = model.timeline();
    section(
        text,
        "LIVE THREADS OVER THE RECORDING (starts minus ends, in steps of "
            + HumanUnits.duration(timeline.bucketNanos() * Math.max(1, groupSize(timeline)))
            + ")");
    for (ThreadKind kind : ThreadKind.values()) {
      ReportModel.ThreadSummary threads = model.threads(kind);
      text.append("  ").append(String.format(Locale.ROOT, "%-10s", name(kind)));
      if (threads.started() + threads.ended() == 0) {
        text.append("no starts or ends\n");
        continue;
      }
      long[] columns = columns(timeline, kind);
      long min = 0;
      long max = 0;
      for (long value : columns) {
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
      StringBuilder line = new StringBuilder();
      for (long value : columns) {
        int level = max == min ? 0 : (int) ((value - min) * (BARS.length() - 1) / (max - min));
        line.append(BARS.charAt(level));
      }
      text.append(line)
          .append("  ")
          .append(HumanUnits.count(columns.length == 0 ? 0 : columns[columns.length - 1]))
          .append(" at end, ")
          .append(HumanUnits.count(max))
          .append(" at most\n");
    }
  }

  // The net live count at the end of each sparkline column.
  private static long[] columns(Timeline timeline, ThreadKind kind) {
    List<Timeline.Bucket> buckets = timeline.buckets();
    int group = groupSize(timeline);
    long[] columns = new long[(buckets.size() + group - 1) / group];
    for (int i = 0; i < buckets.size(); i++) {
      columns[i / group] = buckets.get(i).of(kind).live();
    }
    return columns;
  }

  private static int groupSize(Timeline timeline) {
    return Math.max(1, (timeline.buckets().size() + SPARKLINE_WIDTH - 1) / SPARKLINE_WIDTH);
  }

  private static void growth(StringBuilder text, ReportModel model) {
    section(text, "GROWTH OF LIVE THREADS (net live count at the end of each quarter)");
    for (Growth growth : model.growth()) {
      text.append("  ").append(String.format(Locale.ROOT, "%-10s", name(growth.kind())));
      switch (growth.verdict()) {
        case NOT_ENOUGH_DATA ->
            text.append("not enough data (")
                .append(
                    model.threads(growth.kind()).started() + model.threads(growth.kind()).ended()
                            == 0
                        ? "no starts or ends"
                        : "a recording shorter than " + HumanUnits.duration(Growth.MIN_SPAN_NANOS))
                .append(")\n");
        case GROWING, STEADY ->
            text.append(growth.verdict() == Growth.Verdict.GROWING ? "GROWING" : "steady")
                .append(": ")
                .append(growth.quarterEnds().stream().map(HumanUnits::count).toList())
                .append(
                    String.format(
                        Locale.ROOT,
                        ", %+.2f threads/s after the first quarter%n",
                        growth.growthPerSecond()));
      }
    }
  }

  private static void notes(StringBuilder text, ReportModel model) {
    if (model.notes().isEmpty()) {
      return;
    }
    section(text, "NOTES");
    for (String note : model.notes()) {
      text.append(wrap("- " + note, "  ", "    ", PAGE_WIDTH));
    }
  }

  private static void durations(TextTable table, DurationSummary durations, String... labels) {
    String[] cells = new String[labels.length + 5];
    System.arraycopy(labels, 0, cells, 0, labels.length);
    cells[labels.length] = HumanUnits.count(durations.count());
    cells[labels.length + 1] = HumanUnits.duration(durations.totalNanos());
    cells[labels.length + 2] = HumanUnits.duration(durations.p50Nanos());
    cells[labels.length + 3] = HumanUnits.duration(durations.p99Nanos());
    cells[labels.length + 4] = HumanUnits.duration(durations.maxNanos());
    table.row(cells);
  }

  // "-" for the counts of a kind the recording has no start or end of: absent, not zero.
  private static String seen(ReportModel.ThreadSummary threads, long count) {
    return threads.seen() ? HumanUnits.count(count) : "-";
  }

  private static String quantile(DurationSummary summary, long nanos) {
    return summary.count() == 0 ? "-" : HumanUnits.duration(nanos);
  }

  static String name(ThreadKind kind) {
    return kind == ThreadKind.VIRTUAL ? "virtual" : "platform";
  }

  private static void section(StringBuilder text, String title) {
    text.append('\n').append(title).append('\n');
  }

  private static String time(long epochNanos) {
    return TIME.format(Instant.ofEpochSecond(0, epochNanos));
  }

  // Wraps at spaces; the first line starts with firstIndent, the rest with nextIndent.
  static String wrap(String paragraph, String firstIndent, String nextIndent, int width) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder(firstIndent);
    boolean lineEmpty = true;
    for (String word : paragraph.split(" ")) {
      if (!lineEmpty && line.length() + 1 + word.length() > width) {
        out.append(line).append('\n');
        line = new StringBuilder(nextIndent);
        lineEmpty = true;
      }
      if (!lineEmpty) {
        line.append(' ');
      }
      line.append(word);
      lineEmpty = false;
    }
    return out.append(line).append('\n').toString();
  }
}
