package org.jfrthreads.analyzed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jfrthreads.cli.internal.report.ReportJson.at;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.Recording;
import org.jfrthreads.cli.internal.report.ReportJson;
import org.jfrthreads.stream.ThreadEventSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} over a recording of {@link KnownWork}, made once in this JVM: every format shows
 * the known classes, durations and counts.
 */
class AnalyzeReportTest {

  // Every known duration lasts at least HOLD_MILLIS; histograms are exact to 1 %, and nothing lasts
  // longer than the recording.
  private static final BigDecimal LOW_SECONDS = new BigDecimal("0.148");
  private static final String HELD_MONITOR = KnownWork.HeldMonitor.class.getName();
  private static final String PINNED_SITE = KnownWork.SlowInit.class.getName() + ".<clinit>";

  @TempDir static Path dir;
  private static Path recording;

  @BeforeAll
  static void recordKnownWork() throws Exception {
    recording = dir.resolve("known-work.jfr");
    CountDownLatch release = new CountDownLatch(1);
    Thread lingering;
    try (Recording jfr = new Recording()) {
      jfr.setSettings(ThreadEventSettings.defaults().toJfrSettings());
      jfr.start();
      KnownWork.contendedMonitor();
      KnownWork.pinnedInClassInitializer();
      KnownWork.knownLifetimes();
      lingering = KnownWork.lingering(release);
      jfr.stop();
      jfr.dump(recording);
    } finally {
      release.countDown();
    }
    lingering.join();
  }

  @Test
  void theTextReportNamesTheContendedClassAndThePinnedSiteWithinAHundredColumns() {
    Analyze result = Analyze.run(recording.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .startsWith("jfr-threads analyze: " + recording)
        .contains(
            "THREADS",
            "BLOCKING BY KIND",
            "TOP BLOCKING CLASSES BY TOTAL TIME",
            "LIVE THREADS OVER THE RECORDING")
        .contains(
            "monitor_enter", "HeldMonitor", "SlowInit.<clinit>", "VM call to <clinit> on stack");
    assertThat(result.out().lines())
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
  }

  @Test
  void theJsonReportHoldsTheKnownFiguresAndParsesBack() {
    Analyze result = Analyze.run(recording.toString(), "--format", "json");
    assertThat(result.exitCode()).as(result.err()).isZero();
    Object json = ReportJson.parse(result.out());
    BigDecimal highSeconds = (BigDecimal) at(json, "recording", "duration_seconds");

    assertThat(at(json, "format_version")).isEqualTo(BigDecimal.ONE);
    assertThat(at(json, "recording", "file")).isEqualTo(recording.toString());
    assertThat((List<?>) at(json, "live_by_site"))
        .anySatisfy(
            site ->
                assertThat(((Map<?, ?>) site).get("site"))
                    .isEqualTo(KnownWork.class.getName() + ".lingering"));

    Map<?, ?> monitor = only(at(json, "top_blocking"), "class", HELD_MONITOR);
    assertThat(monitor.get("kind")).isEqualTo("monitor_enter");
    assertThat(monitor.get("threads")).isEqualTo("platform");
    assertThat(at(monitor, "durations", "count")).isEqualTo(BigDecimal.ONE);
    assertThat((BigDecimal) at(monitor, "durations", "max_seconds"))
        .isBetween(LOW_SECONDS, highSeconds);

    Map<?, ?> pinned = only(at(json, "pinning"), "site", PINNED_SITE);
    assertThat(at(pinned, "durations", "count")).isEqualTo(BigDecimal.ONE);
    assertThat((BigDecimal) at(pinned, "durations", "max_seconds"))
        .isBetween(LOW_SECONDS, highSeconds);

    // Only the known virtual threads ran during the recording.
    assertThat(at(json, "threads", "virtual", "started"))
        .isEqualTo(BigDecimal.valueOf(KnownWork.SHORT_LIVED_THREADS + 1));
    assertThat((BigDecimal) at(json, "threads", "virtual", "lifetimes", "p50_seconds"))
        .isBetween(LOW_SECONDS, highSeconds);
    assertThat((BigDecimal) at(json, "threads", "platform", "live_at_end"))
        .isGreaterThanOrEqualTo(BigDecimal.ONE);
  }

  @Test
  void theTimelineAddsUpToTheThreadCounts() {
    Object json = ReportJson.parse(Analyze.run(recording.toString(), "--format", "json").out());
    List<?> buckets = (List<?>) at(json, "timeline", "buckets");
    assertThat(buckets).isNotEmpty().hasSizeLessThanOrEqualTo(240);

    for (String kind : List.of("platform", "virtual")) {
      BigDecimal started = sum(buckets, kind, "started");
      BigDecimal ended = sum(buckets, kind, "ended");
      assertThat(started).isEqualTo(at(json, "threads", kind, "started"));
      assertThat(ended).isEqualTo(at(json, "threads", kind, "ended"));
      assertThat(at(buckets.get(buckets.size() - 1), kind, "live"))
          .isEqualTo(started.subtract(ended));
    }
    assertThat(at(json, "growth", "platform", "verdict")).isEqualTo("not_enough_data");
  }

  @Test
  void theHtmlReportIsOneSelfContainedPageWithCharts() {
    Analyze result = Analyze.run(recording.toString(), "--format", "html");
    assertThat(result.exitCode()).as(result.err()).isZero();
    String html = result.out();

    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .endsWith("</html>\n")
        .contains(HELD_MONITOR, "KnownWork$SlowInit.&lt;clinit&gt;");
    assertThat(count(html, "<svg")).isEqualTo(count(html, "</svg>")).isGreaterThanOrEqualTo(6);
    assertThat(count(html, "<table")).isEqualTo(count(html, "</table>")).isGreaterThanOrEqualTo(3);
    assertThat(count(html, "<rect")).as("histogram bars").isGreaterThan(0);
    assertThat(html.toLowerCase())
        .doesNotContain("http:", "https:", "<script", "<link", "url(", "@import");
  }

  @Test
  void anOutputFileNamedHtmlGetsTheHtmlReportAndStdoutStaysEmpty() throws Exception {
    Path output = dir.resolve("report.html");

    Analyze result = Analyze.run(recording.toString(), "--output", output.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("jfr-threads analyze: wrote " + output + "\n");
    assertThat(Files.readString(output, StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>");
  }

  @Test
  void aHigherThresholdLeavesShorterEventsOutAndSaysSo() {
    Object json =
        ReportJson.parse(
            Analyze.run(recording.toString(), "--format", "json", "--threshold", "1s").out());

    // Other tests' threads may have blocked longer than a second; the known 150 ms is left out.
    assertThat((List<?>) at(json, "top_blocking"))
        .noneSatisfy(row -> assertThat(((Map<?, ?>) row).get("class")).isEqualTo(HELD_MONITOR))
        .allSatisfy(
            row ->
                assertThat((BigDecimal) at(row, "durations", "p50_seconds"))
                    .isGreaterThanOrEqualTo(new BigDecimal("0.99")));
    assertThat(at(json, "settings", "blocking_threshold_seconds")).isEqualTo(BigDecimal.ONE);
    assertThat((List<?>) at(json, "notes"))
        .anySatisfy(note -> assertThat((String) note).contains("shorter than the thresholds"));
  }

  private static Map<?, ?> only(Object array, String field, String value) {
    List<?> matching =
        ((List<?>) array).stream().filter(e -> value.equals(((Map<?, ?>) e).get(field))).toList();
    assertThat(matching).as("%s = %s in %s", field, value, array).hasSize(1);
    return (Map<?, ?>) matching.get(0);
  }

  private static BigDecimal sum(List<?> buckets, String kind, String field) {
    return buckets.stream()
        .map(b -> (BigDecimal) at(b, kind, field))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static int count(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
