package org.jfrthreads.analyzed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jfrthreads.cli.internal.report.ReportJson.at;
import static org.jfrthreads.testing.TracedScopes.traced;

import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import org.jfrthreads.cli.internal.report.ReportJson;
import org.jfrthreads.stream.ThreadEventSettings;
import org.jfrthreads.testing.Contention;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} over a recording whose application committed traced scopes: the slowest blocking
 * is listed with the trace id of the scope around it.
 */
class AnalyzeTracedTest {

  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String SPAN = "b7ad6b7169203331";

  static final class Ledger {}

  @TempDir static Path dir;
  private static Path traced;
  private static Path untraced;

  @BeforeAll
  static void record() throws Exception {
    untraced = dir.resolve("untraced.jfr");
    try (Recording jfr = new Recording()) {
      jfr.setSettings(ThreadEventSettings.defaults().toJfrSettings());
      jfr.start();
      contendedMonitor(false);
      jfr.stop();
      jfr.dump(untraced);
    }
    traced = dir.resolve("traced.jfr");
    try (Recording jfr = new Recording()) {
      jfr.setSettings(ThreadEventSettings.defaults().toJfrSettings());
      jfr.start();
      // The analyzer holds blocking back for its scope from the first scope it reads on.
      Thread.ofPlatform()
          .start(() -> traced("f".repeat(32), "f".repeat(16), () -> sleep(20)))
          .join();
      contendedMonitor(true);
      jfr.stop();
      jfr.dump(traced);
    }
  }

  @Test
  void theTextReportListsTheSlowestTracedBlockingWithItsTraceId() {
    Analyze result = Analyze.run(traced.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    String section =
        result.out().substring(result.out().indexOf("SLOWEST BLOCKING IN TRACED SCOPES"));
    assertThat(section.lines().skip(2).findFirst().orElseThrow())
        .contains("monitor_enter", "Ledger", TRACE, SPAN);
  }

  @Test
  void theJsonReportListsItTooAndARecordingWithoutScopesHasNoneAndNoSection() {
    Analyze result = Analyze.run(traced.toString(), "--format", "json");
    assertThat(result.exitCode()).as(result.err()).isZero();
    Object json = ReportJson.parse(result.out());

    assertThat(at(json, "slowest_traced", 0, "trace_id")).isEqualTo(TRACE);
    assertThat(at(json, "slowest_traced", 0, "span_id")).isEqualTo(SPAN);
    assertThat(at(json, "slowest_traced", 0, "kind")).isEqualTo("monitor_enter");
    assertThat((String) at(json, "slowest_traced", 0, "charge")).endsWith("Ledger");

    Analyze plain = Analyze.run(untraced.toString(), "--format", "json");
    assertThat(at(ReportJson.parse(plain.out()), "slowest_traced")).isEqualTo(List.of());
    assertThat(Analyze.run(untraced.toString()).out()).doesNotContain("TRACED SCOPES");
  }

  @Test
  void theHtmlReportHasTheTable() throws Exception {
    Path html = dir.resolve("report.html");
    Analyze result = Analyze.run(traced.toString(), "--output", html.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();

    assertThat(java.nio.file.Files.readString(html))
        .contains("<h2>Slowest blocking in traced scopes</h2>", TRACE);
  }

  /** A platform thread waits about 150 ms for a held monitor, inside a scope if {@code traced}. */
  private static void contendedMonitor(boolean traced) throws InterruptedException {
    Contention.contendedMonitor(
        new Ledger(), 150, traced ? blocking -> traced(TRACE, SPAN, blocking) : Runnable::run);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
