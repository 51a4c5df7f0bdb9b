package org.jfrthreads.cli.internal.report;

import static org.jfrthreads.cli.internal.report.SvgCharts.escape;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.analyzer.TracedBlocking;
import org.jfrthreads.stream.BlockingKind;

/**
 * The report as one self-contained HTML page: inline CSS and SVG charts, no script, no font, no
 * link to anything outside the file, so it can be mailed, archived or opened offline.
 */
public final class HtmlReport {

  static final String PLATFORM_COLOR = "#2563eb";
  static final String VIRTUAL_COLOR = "#ea580c";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final String STYLE =
      """
      :root { color-scheme: light; --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --card: #f8fafc;
              --platform: %s; --virtual: %s; }
      * { box-sizing: border-box; }
      body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
             color: var(--ink); background: #fff; }
      main { max-width: 1180px; margin: 0 auto; padding: 28px 28px 48px; }
      h1 { font-size: 24px; margin: 0 0 4px; font-weight: 650; }
      h1 .file { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 20px; }
      h2 { font-size: 17px; margin: 36px 0 10px; font-weight: 650; }
      h3 { font-size: 14px; margin: 0 0 6px; font-weight: 600; }
      .sub { color: var(--muted); margin: 0; }
      .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin-top: 22px; }
      .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
      .card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
      .card .value { font-size: 22px; white-space: nowrap; font-weight: 650; margin-top: 2px; font-variant-numeric: tabular-nums; }
      .card .detail { color: var(--muted); font-size: 12px; }
      .card.alert { border-color: #fca5a5; background: #fef2f2; }
      .notes { background: #fffbeb; border: 1px solid #fde68a; border-radius: 10px; padding: 10px 16px; margin-top: 18px; }
      .notes li { margin: 4px 0; }
      .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 18px; }
      .panel { border: 1px solid var(--line); border-radius: 10px; padding: 14px 14px 8px; }
      .legend { display: flex; gap: 16px; color: var(--muted); font-size: 12px; margin-bottom: 4px; }
      .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
      svg { width: 100%%; height: auto; display: block; }
      svg .grid { stroke: var(--line); stroke-width: 1; }
      svg .zero { stroke: #9ca3af; stroke-width: 1; }
      svg .tickmark { stroke: #9ca3af; }
      svg .tick { fill: var(--muted); font-size: 11px; }
      svg .axis { fill: var(--muted); font-size: 11px; }
      svg .empty { fill: var(--muted); font-size: 14px; }
      table { border-collapse: collapse; width: 100%%; font-variant-numeric: tabular-nums; }
      th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
      th { color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
      td.num, th.num { text-align: right; white-space: nowrap; }
      td.code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px; word-break: break-all; }
      .bar { height: 6px; border-radius: 3px; margin-left: auto; background: var(--platform); opacity: .75; margin-top: 3px; }
      .bar.virtual { background: var(--virtual); }
      .none { color: var(--muted); }
      .caption { color: var(--muted); font-size: 12px; margin: 6px 0 0; }
      footer { color: var(--muted); font-size: 12px; margin-top: 40px; border-top: 1px solid var(--line); padding-top: 10px; }
      """
          .formatted(PLATFORM_COLOR, VIRTUAL_COLOR);

  private HtmlReport() {}

  public static String render(ReportModel model) {
    ReportModel.Recording recording = model.recording();
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Threads: ")
        .append(escape(fileName(recording.file())))
        .append("</title>\n")
        .append("<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<main>\n");
    html.append("<h1>Threads in <span class=\"file\">")
        .append(escape(fileName(recording.file())))
        .append("</span></h1>\n");
    html.append("<p class=\"sub\">")
        .append(escape(TIME.format(Instant.ofEpochSecond(0, recording.startEpochNanos()))))
        .append(" to ")
        .append(escape(TIME.format(Instant.ofEpochSecond(0, recording.endEpochNanos()))))
        .append(" UTC · ")
        .append(escape(HumanUnits.duration(recording.durationNanos())))
        .append(" · ")
        .append(escape(HumanUnits.bytes(Math.max(0, recording.sizeBytes()))))
        .append(" · ")
        .append(escape(HumanUnits.count(recording.eventsAnalyzed())))
        .append(" thread events · ")
        .append("<span title=\"")
        .append(escape(recording.file()))
        .append("\">")
        .append(escape(recording.file()))
        .append("</span></p>\n");
    cards(html, model);
    if (!model.notes().isEmpty()) {
      html.append("<div class=\"notes\"><ul>\n");
      for (String note : model.notes()) {
        html.append("<li>").append(escape(note)).append("</li>\n");
      }
      html.append("</ul></div>\n");
    }
    timeline(html, model);
    distributions(html, model);
    tables(html, model);
    html.append(
            "<footer>jfr-threads analyze · durations of blocking and pinning count only events at"
                + " or above the thresholds (")
        .append(escape(HumanUnits.duration(model.settings().blockingThresholdNanos())))
        .append(" blocking, ")
        .append(escape(HumanUnits.duration(model.settings().pinnedThresholdNanos())))
        .append(" pinned) · quantiles within 1 %</footer>\n");
    html.append("</main>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void cards(StringBuilder html, ReportModel model) {
    html.append("<section class=\"cards\">\n");
    for (ThreadKind kind : ThreadKind.values()) {
      ReportModel.ThreadSummary threads = model.threads(kind);
      boolean absent = kind == ThreadKind.VIRTUAL && threads.started() + threads.ended() == 0;
      card(
          html,
          false,
          TextReport.name(kind) + " threads started",
          absent ? "—" : HumanUnits.count(threads.started()),
          absent
              ? "no start or end events"
              : HumanUnits.count(threads.liveAtEnd()) + " live at the end");
    }
    long blockedNanos = 0;
    long blockedCount = 0;
    for (ReportModel.BlockingSummary row : model.blockingByKind()) {
      blockedNanos += row.durations().totalNanos();
      blockedCount += row.durations().count();
    }
    card(
        html,
        false,
        "time blocked",
        HumanUnits.duration(blockedNanos),
        events(blockedCount, "blocking"));
    long pinnedNanos = 0;
    long pinnedCount = 0;
    for (ReportModel.PinnedRow row : model.pinning()) {
      pinnedNanos += row.durations().totalNanos();
      pinnedCount += row.durations().count();
    }
    if (model.hasVirtualThreadData()) {
      card(
          html,
          pinnedCount > 0,
          "time pinned",
          HumanUnits.duration(pinnedNanos),
          events(pinnedCount, "pinned"));
    } else {
      card(html, false, "time pinned", "—", "no virtual-thread events");
    }
    for (Growth growth : model.growth()) {
      boolean growing = growth.verdict() == Growth.Verdict.GROWING;
      String detail =
          growth.verdict() == Growth.Verdict.NOT_ENOUGH_DATA
              ? "not enough data"
              : String.format(Locale.ROOT, "%+.2f threads/s", growth.growthPerSecond());
      card(
          html,
          growing,
          TextReport.name(growth.kind()) + " live threads",
          growth.verdict() == Growth.Verdict.NOT_ENOUGH_DATA ? "—" : growing ? "growing" : "steady",
          detail);
    }
    html.append("</section>\n");
  }

  private static String events(long count, String kind) {
    return HumanUnits.count(count) + " " + kind + (count == 1 ? " event" : " events");
  }

  private static void card(
      StringBuilder html, boolean alert, String label, String value, String detail) {
    html.append("<div class=\"card")
        .append(alert ? " alert" : "")
        .append("\"><div class=\"label\">")
        .append(escape(label))
        .append("</div><div class=\"value\">")
        .append(escape(value))
        .append("</div><div class=\"detail\">")
        .append(escape(detail))
        .append("</div></div>\n");
  }

  private static void timeline(StringBuilder html, ReportModel model) {
    Timeline timeline = model.timeline();
    html.append("<h2>Live threads over the recording</h2>\n<div class=\"panel\">\n");
    List<SvgCharts.Line> lines = new ArrayList<>();
    for (ThreadKind kind : ThreadKind.values()) {
      ReportModel.ThreadSummary threads = model.threads(kind);
      if (threads.started() + threads.ended() == 0) {
        continue;
      }
      long[] values = timeline.buckets().stream().mapToLong(b -> b.of(kind).live()).toArray();
      lines.add(new SvgCharts.Line(TextReport.name(kind), color(kind), values));
    }
    legend(html, lines.stream().map(SvgCharts.Line::name).toList());
    long offset =
        timeline.buckets().isEmpty()
            ? 0
            : timeline.buckets().get(0).startEpochNanos() - model.recording().startEpochNanos();
    html.append(SvgCharts.timeline("live threads over time", lines, timeline.bucketNanos(), offset))
        .append('\n');
    html.append(
            "<p class=\"caption\">Threads started minus threads ended since the recording began,"
                + " per ")
        .append(escape(HumanUnits.duration(timeline.bucketNanos())))
        .append(
            ". Threads already running when it began are not seen: for a recording that began with"
                + " the JVM this is close to the live count.</p>\n");
    html.append("</div>\n");
  }

  private static void distributions(StringBuilder html, ReportModel model) {
    html.append("<h2>How long things took</h2>\n<div class=\"grid\">\n");
    List<SvgCharts.Series> lifetimes = new ArrayList<>();
    for (ThreadKind kind : ThreadKind.values()) {
      DurationSummary summary = model.threads(kind).lifetimes();
      if (summary.count() > 0) {
        lifetimes.add(new SvgCharts.Series(TextReport.name(kind), color(kind), summary.bins()));
      }
    }
    histogramPanel(html, "Thread lifetimes", lifetimes);
    for (BlockingKind kind : BlockingKind.values()) {
      List<SvgCharts.Series> series = new ArrayList<>();
      for (ReportModel.BlockingSummary row : model.blockingByKind()) {
        if (row.kind() == kind) {
          series.add(
              new SvgCharts.Series(
                  TextReport.name(row.threadKind()),
                  color(row.threadKind()),
                  row.durations().bins()));
        }
      }
      histogramPanel(html, "Blocked: " + kind.label() + " (" + kind.eventName() + ")", series);
    }
    List<SvgCharts.Series> pinned = new ArrayList<>();
    List<DurationSummary.Bin> pinnedBins = new ArrayList<>();
    for (ReportModel.PinnedRow row : model.pinning()) {
      pinnedBins.addAll(row.durations().bins());
    }
    if (!pinnedBins.isEmpty()) {
      pinned.add(new SvgCharts.Series("virtual", VIRTUAL_COLOR, pinnedBins));
    }
    histogramPanel(html, "Pinned virtual threads (jdk.VirtualThreadPinned)", pinned);
    html.append("</div>\n");
  }

  private static void histogramPanel(
      StringBuilder html, String title, List<SvgCharts.Series> series) {
    html.append("<div class=\"panel\"><h3>").append(escape(title)).append("</h3>\n");
    legend(html, series.stream().map(SvgCharts.Series::name).toList());
    html.append(SvgCharts.histogram(title, series)).append("</div>\n");
  }

  private static void legend(StringBuilder html, List<String> kinds) {
    html.append("<div class=\"legend\">");
    for (String kind : kinds) {
      html.append("<span><span class=\"swatch\" style=\"background:")
          .append(kind.equals("virtual") ? VIRTUAL_COLOR : PLATFORM_COLOR)
          .append("\"></span>")
          .append(escape(kind))
          .append("</span>");
    }
    html.append("</div>\n");
  }

  private static void tables(StringBuilder html, ReportModel model) {
    html.append(
            "<h2>Threads</h2>\n"
                + "<table>\n"
                + "<tr><th>kind</th><th class=\"num\">started</th><th class=\"num\">ended</th>")
        .append(
            "<th class=\"num\">live at end</th><th class=\"num\">lifetimes</th><th"
                + " class=\"num\">p50</th><th class=\"num\">p99</th><th"
                + " class=\"num\">max</th></tr>\n");
    for (ThreadKind kind : ThreadKind.values()) {
      ReportModel.ThreadSummary threads = model.threads(kind);
      DurationSummary lifetimes = threads.lifetimes();
      html.append("<tr><td>").append(TextReport.name(kind)).append("</td>");
      String absent = "–";
      num(html, threads.seen() ? HumanUnits.count(threads.started()) : absent);
      num(html, threads.seen() ? HumanUnits.count(threads.ended()) : absent);
      num(html, threads.seen() ? HumanUnits.count(threads.liveAtEnd()) : absent);
      num(html, threads.seen() ? HumanUnits.count(lifetimes.count()) : absent);
      num(html, lifetimes.count() == 0 ? "–" : HumanUnits.duration(lifetimes.p50Nanos()));
      num(html, lifetimes.count() == 0 ? "–" : HumanUnits.duration(lifetimes.p99Nanos()));
      num(html, lifetimes.count() == 0 ? "–" : HumanUnits.duration(lifetimes.maxNanos()));
      html.append("</tr>\n");
    }
    html.append("</table>\n");

    html.append("<h2>Blocking by kind</h2>\n");
    if (model.blockingByKind().isEmpty()) {
      html.append("<p class=\"none\">No blocking events at or above the threshold.</p>\n");
    } else {
      html.append("<table>\n<tr><th>kind</th><th>threads</th>")
          .append(durationHeaders())
          .append("</tr>\n");
      long largest =
          model.blockingByKind().stream()
              .mapToLong(r -> r.durations().totalNanos())
              .max()
              .orElse(1);
      for (ReportModel.BlockingSummary row : model.blockingByKind()) {
        html.append("<tr><td>")
            .append(row.kind().label())
            .append("</td><td>")
            .append(TextReport.name(row.threadKind()))
            .append("</td>");
        durationCells(html, row.durations(), largest, row.threadKind());
        html.append("</tr>\n");
      }
      html.append("</table>\n");
    }

    html.append("<h2>Top blocking classes by total time</h2>\n");
    if (model.topBlocking().isEmpty()) {
      html.append("<p class=\"none\">No blocking events at or above the threshold.</p>\n");
    } else {
      html.append("<table>\n<tr><th>kind</th><th>threads</th><th>class</th>")
          .append(durationHeaders())
          .append("</tr>\n");
      long largest = model.topBlocking().get(0).durations().totalNanos();
      for (ReportModel.BlockedRow row : model.topBlocking()) {
        html.append("<tr><td>")
            .append(row.kind().label())
            .append("</td><td>")
            .append(TextReport.name(row.threadKind()))
            .append("</td><td class=\"code\">")
            .append(escape(row.className()))
            .append("</td>");
        durationCells(html, row.durations(), largest, row.threadKind());
        html.append("</tr>\n");
      }
      html.append("</table>\n");
    }

    html.append("<h2>Pinned virtual threads by reason and site</h2>\n");
    if (model.pinning().isEmpty()) {
      html.append("<p class=\"none\">No pinned events at or above the threshold.</p>\n");
    } else {
      html.append("<table>\n<tr><th>reason</th><th>site</th>")
          .append(durationHeaders())
          .append("</tr>\n");
      long largest = model.pinning().get(0).durations().totalNanos();
      for (ReportModel.PinnedRow row : model.pinning()) {
        html.append("<tr><td>")
            .append(escape(row.reason()))
            .append("</td><td class=\"code\">")
            .append(escape(row.site()))
            .append("</td>");
        durationCells(html, row.durations(), largest, ThreadKind.VIRTUAL);
        html.append("</tr>\n");
      }
      html.append("</table>\n");
    }

    if (model.hasTraceScopes()) {
      html.append("<h2>Slowest blocking in traced scopes</h2>\n");
      if (model.slowestTraced().isEmpty()) {
        html.append("<p class=\"none\">No blocking event inside a traced scope.</p>\n");
      } else {
        html.append(
            "<table>\n<tr><th>kind</th><th>charged to</th><th class=\"num\">thread</th><th"
                + " class=\"num\">duration</th><th>ended</th><th>trace id</th><th>span"
                + " id</th></tr>\n");
        for (TracedBlocking traced : model.slowestTraced()) {
          html.append("<tr><td>")
              .append(escape(traced.kind()))
              .append("</td><td class=\"code\">")
              .append(escape(traced.charge()))
              .append("</td>");
          num(html, Long.toString(traced.threadId()));
          num(html, HumanUnits.duration(traced.exemplar().durationNanos()));
          html.append("<td>")
              .append(
                  escape(TIME.format(Instant.ofEpochSecond(0, traced.exemplar().endEpochNanos()))))
              .append("</td><td class=\"code\">")
              .append(escape(traced.exemplar().traceId()))
              .append("</td><td class=\"code\">")
              .append(escape(traced.exemplar().spanId()))
              .append("</td></tr>\n");
        }
        html.append("</table>\n");
      }
    }

    if (model.liveBySite().isPresent()) {
      html.append("<h2>Live threads at the end by creation site</h2>\n");
      List<ReportModel.LiveSite> sites = model.liveBySite().get();
      if (sites.isEmpty()) {
        html.append("<p class=\"none\">None.</p>\n");
      } else {
        html.append("<table>\n<tr><th>site</th><th>threads</th><th class=\"num\">live</th></tr>\n");
        for (ReportModel.LiveSite site : sites) {
          html.append("<tr><td class=\"code\">")
              .append(escape(site.site()))
              .append("</td><td>")
              .append(TextReport.name(site.kind()))
              .append("</td>");
          num(html, HumanUnits.count(site.live()));
          html.append("</tr>\n");
        }
        html.append("</table>\n");
      }
    }
  }

  private static String durationHeaders() {
    return "<th class=\"num\">count</th><th class=\"num\">total</th><th class=\"num\">p50</th><th"
        + " class=\"num\">p99</th><th class=\"num\">max</th>";
  }

  private static void durationCells(
      StringBuilder html, DurationSummary durations, long largestTotal, ThreadKind kind) {
    num(html, HumanUnits.count(durations.count()));
    int percent =
        (int) Math.max(1, Math.round(100.0 * durations.totalNanos() / Math.max(1, largestTotal)));
    html.append("<td class=\"num\">")
        .append(escape(HumanUnits.duration(durations.totalNanos())))
        .append("<div class=\"bar")
        .append(kind == ThreadKind.VIRTUAL ? " virtual" : "")
        .append("\" style=\"width:")
        .append(percent)
        .append("%\"></div></td>");
    num(html, HumanUnits.duration(durations.p50Nanos()));
    num(html, HumanUnits.duration(durations.p99Nanos()));
    num(html, HumanUnits.duration(durations.maxNanos()));
  }

  private static void num(StringBuilder html, String value) {
    html.append("<td class=\"num\">").append(escape(value)).append("</td>");
  }

  private static String color(ThreadKind kind) {
    return kind == ThreadKind.VIRTUAL ? VIRTUAL_COLOR : PLATFORM_COLOR;
  }

  private static String fileName(String file) {
    int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
    return slash < 0 ? file : file.substring(slash + 1);
  }
}
