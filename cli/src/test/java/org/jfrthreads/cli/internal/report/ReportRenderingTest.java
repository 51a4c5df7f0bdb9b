package org.jfrthreads.cli.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jfrthreads.cli.internal.report.ReportJson.at;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.stream.BlockingKind;
import org.junit.jupiter.api.Test;

/** The three renderings of one hand-made model. */
class ReportRenderingTest {

  private static final long MS = 1_000_000L;
  private static final long T0 = 1_764_000_000_000_000_000L;

  @Test
  void theTextReportIsTheWholeExpectedPageAndLongClassNamesKeepTheirEndWithinAHundredColumns() {
    assertThat(TextReport.render(model(Optional.empty())))
        .isEqualTo(
            """
            jfr-threads analyze: /data/app "prod" <1>.jfr (2.5 MB, 1 chunk)
            Recorded 2025-11-24 16:00:00 to 2025-11-24 16:00:02 UTC (2 s), 1,234 thread events analyzed

            THREADS
              kind      started  ended  live at end  lifetimes     p50    p99    max
              platform       12     10            2         10  150 ms  1.5 s  1.5 s
              virtual         -      -            -          -       -      -      -

            BLOCKING BY KIND (events of 10 ms or more)
              kind           threads   count   total     p50     p99     max
              monitor_enter  platform      2  300 ms  150 ms  150 ms  150 ms

            TOP BLOCKING CLASSES BY TOTAL TIME
              kind           threads   class                               count   total     p50     p99     max
              monitor_enter  platform  …orders.OrderService$InventoryLock      2  300 ms  150 ms  150 ms  150 ms

            PINNED VIRTUAL THREADS BY REASON AND SITE (events of 1 ms or more)
              none

            LIVE THREADS OVER THE RECORDING (starts minus ends, in steps of 1 s)
              platform  ▁█  2 at end, 2 at most
              virtual   no starts or ends

            GROWTH OF LIVE THREADS (net live count at the end of each quarter)
              platform  not enough data (a recording shorter than 1 min)
              virtual   not enough data (no starts or ends)

            NOTES
              - No virtual-thread events in this recording.
            """);
  }

  // An escape sequence that sets the window title, a bell, a forged report line and a
  // right-to-left override, as a crafted recording could hold them in a class or site name.
  private static final String HOSTILE =
      "com.evil.\u001B]0;owned\u0007Name\nFORGED 0 threads\r\u009B2J\u202Egnp.exe\u007F";

  @Test
  void controlCharactersFromTheRecordingAreEscapedInTheTextReport() {
    ReportModel model =
        model(Optional.of(List.of(new ReportModel.LiveSite(HOSTILE, ThreadKind.PLATFORM, 2))));

    String text = TextReport.render(model);

    assertThat(text)
        .contains(
            "com.evil.\\u001B]0;owned\\u0007Name\\nFORGED 0 threads\\r\\u009B2J\\u202Egnp.exe\\u007F");
    assertThat(text.lines()).noneMatch(line -> line.startsWith("FORGED"));
    assertThat(text.chars().filter(c -> c != '\n').filter(ReportRenderingTest::isControl))
        .as("control characters in the text report")
        .isEmpty();
  }

  @Test
  void controlCharactersFromTheRecordingAreEscapedInJsonAndHtml() {
    ReportModel model =
        model(Optional.of(List.of(new ReportModel.LiveSite(HOSTILE, ThreadKind.PLATFORM, 2))));

    String json = JsonReport.render(model);
    String html = HtmlReport.render(model);

    assertThat(at(ReportJson.parse(json), "live_by_site", 0, "site")).isEqualTo(HOSTILE);
    assertThat(json.chars().filter(c -> c != '\n').filter(ReportRenderingTest::isControl))
        .as("raw control characters in the JSON report")
        .isEmpty();
    assertThat(json)
        .contains("\\u001B]0;owned\\u0007Name\\nFORGED", "\\u009B2J\\u202Egnp.exe\\u007F");
    assertThat(html).contains("com.evil. ]0;owned Name\nFORGED 0 threads  2J");
    assertThat(html.chars().filter(c -> c != '\n').filter(ReportRenderingTest::isControl))
        .as("control characters in the HTML report")
        .isEmpty();
  }

  @Test
  void jsonStringsSurviveQuotesBackslashesAndCharactersOutsideTheBasicPlane() {
    String nasty = "a\"b\\c/d\u00e9\uD83D\uDE00\u2028";
    ReportModel model =
        model(Optional.of(List.of(new ReportModel.LiveSite(nasty, ThreadKind.PLATFORM, 2))));

    assertThat(at(ReportJson.parse(JsonReport.render(model)), "live_by_site", 0, "site"))
        .isEqualTo(nasty);
  }

  private static boolean isControl(int c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
  }

  @Test
  void liveThreadsBySiteAreShownInEveryFormatWhenTheModelHasThem() {
    ReportModel model =
        model(
            Optional.of(
                List.of(
                    new ReportModel.LiveSite("com.example.Pool.grow", ThreadKind.PLATFORM, 2))));

    assertThat(TextReport.render(model))
        .contains(
            "LIVE THREADS AT THE END BY CREATION SITE\n"
                + "  site                   threads   live\n"
                + "  com.example.Pool.grow  platform     2\n");
    assertThat(HtmlReport.render(model))
        .contains("Live threads at the end by creation site", "com.example.Pool.grow");
    Object json = ReportJson.parse(JsonReport.render(model));
    assertThat(at(json, "live_by_site", 0))
        .isEqualTo(
            Map.of(
                "site",
                "com.example.Pool.grow",
                "threads",
                "platform",
                "live",
                BigDecimal.valueOf(2)));
  }

  @Test
  void withoutThemTheJsonSaysNullAndTheTextLeavesTheSectionOut() {
    ReportModel model = model(Optional.empty());

    assertThat(at(ReportJson.parse(JsonReport.render(model)), "live_by_site")).isNull();
    assertThat(TextReport.render(model)).doesNotContain("CREATION SITE");
  }

  @Test
  void textFromTheRecordingIsEscapedInHtml() {
    String html = HtmlReport.render(model(Optional.empty()));

    assertThat(html)
        .contains("/data/app &quot;prod&quot; &lt;1&gt;.jfr")
        .doesNotContain("\"prod\"", "<1>");
  }

  private static ReportModel model(Optional<List<ReportModel.LiveSite>> liveBySite) {
    DurationSummary lifetimes =
        new DurationSummary(
            10,
            3_000 * MS,
            150 * MS,
            1_500 * MS,
            1_500 * MS,
            List.of(
                new DurationSummary.Bin(100 * MS, 200 * MS, 9),
                new DurationSummary.Bin(1_000 * MS, 2_000 * MS, 1)));
    DurationSummary monitor =
        new DurationSummary(
            2,
            300 * MS,
            150 * MS,
            150 * MS,
            150 * MS,
            List.of(new DurationSummary.Bin(100 * MS, 200 * MS, 2)));
    Timeline timeline =
        new Timeline(
            1_000 * MS,
            T0,
            T0 + 2_000 * MS,
            List.of(
                new Timeline.Bucket(T0, new Timeline.Counts(0, 0, 0), new Timeline.Counts(0, 0, 0)),
                new Timeline.Bucket(
                    T0 + 1_000 * MS,
                    new Timeline.Counts(12, 10, 2),
                    new Timeline.Counts(0, 0, 0))));
    return new ReportModel(
        new ReportModel.Recording(
            "/data/app \"prod\" <1>.jfr",
            2_500_000,
            T0,
            T0 + 2_000 * MS,
            1,
            Map.of("jdk.ThreadStart", 12L),
            0,
            1_234),
        new ReportModel.Settings(10 * MS, MS, 20),
        Map.of(
            ThreadKind.PLATFORM,
                new ReportModel.ThreadSummary(ThreadKind.PLATFORM, 12, 10, 2, lifetimes),
            ThreadKind.VIRTUAL,
                new ReportModel.ThreadSummary(ThreadKind.VIRTUAL, 0, 0, 0, DurationSummary.EMPTY)),
        List.of(
            new ReportModel.BlockingSummary(
                BlockingKind.MONITOR_ENTER, ThreadKind.PLATFORM, monitor)),
        List.of(
            new ReportModel.BlockedRow(
                BlockingKind.MONITOR_ENTER,
                ThreadKind.PLATFORM,
                "com.example.orders.OrderService$InventoryLock",
                monitor)),
        List.of(),
        liveBySite,
        timeline,
        List.of(Growth.of(timeline, ThreadKind.PLATFORM), Growth.of(timeline, ThreadKind.VIRTUAL)),
        List.of("No virtual-thread events in this recording."),
        List.of());
  }
}
