package org.jfrthreads.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * What must hold when a real Prometheus scrapes a target serving jfr-threads metrics with the
 * shipped rules loaded: every rule evaluates, every rule expression and dashboard query runs (the
 * dashboard's with data), every documented family is scraped with its type, and the exposition
 * passes {@code promtool check metrics}.
 *
 * <p>A subclass supplies the target: {@link StaticTargetScrapeTest} a fixed exposition, a live test
 * a JVM running the library. One Prometheus serves all tests of a class; it is started after the
 * target, polled (never slept on) until the target is up and scraped twice, and stopped by its PID.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScrapeContract {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  PrometheusServer prometheus;
  URI target;
  private TestAbortedException missing;

  /**
   * Starts the target and returns the URL Prometheus scrapes, e.g. {@code
   * http://127.0.0.1:9400/metrics}.
   */
  abstract URI startTarget() throws Exception;

  /** Stops what {@link #startTarget()} started; called even when starting Prometheus failed. */
  abstract void stopTarget() throws Exception;

  @BeforeAll
  void startTargetAndPrometheus(@TempDir Path workDir) throws Exception {
    Path binary;
    try {
      binary = OpsTools.prometheus();
    } catch (TestAbortedException e) {
      missing = e;
      return;
    }
    target = startTarget();
    prometheus = PrometheusServer.start(binary, workDir, target, List.of(OpsTools.rulesFile()));
    prometheus.awaitTargetUp(TIMEOUT);
    // rate() and increase() need two samples: wait for the second scrape
    prometheus.awaitQuery(
        "count_over_time(jfr_threads_stream_up[1m])",
        result -> !result.isEmpty() && result.get(0).path("value").get(1).asDouble() >= 2,
        TIMEOUT);
  }

  @AfterAll
  void stopPrometheusAndTarget() throws Exception {
    try {
      if (prometheus != null) {
        prometheus.close();
      }
    } finally {
      if (target != null) {
        stopTarget();
      }
    }
  }

  @BeforeEach
  void requirePrometheus() {
    OpsTools.rethrowIfMissing(missing);
  }

  @Test
  void everyRuleLoadsAndEvaluatesWithoutError() throws Exception {
    List<String> unhealthy = prometheus.awaitRulesEvaluated(TIMEOUT);

    assertThat(unhealthy).isEmpty();
    assertThat(prometheus.rules()).hasSize(RulesFile.read(OpsTools.rulesFile()).rules().size());
  }

  @Test
  void everyRuleExpressionRunsWithoutError() throws IOException {
    List<String> failures = new ArrayList<>();
    for (RulesFile.Rule rule : RulesFile.read(OpsTools.rulesFile()).rules()) {
      try {
        prometheus.query(rule.expr());
      } catch (PrometheusServer.PrometheusQueryException e) {
        failures.add(rule + ": " + e.getMessage());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void everyDashboardQueryRunsAndReturnsData() throws IOException {
    Map<String, String> variables =
        Map.of("job", PrometheusServer.JOB, "instance", PrometheusServer.instance(target));
    List<DashboardFile.Query> queries =
        DashboardFile.read(OpsTools.dashboardFile()).queries(variables);

    List<String> failures = new ArrayList<>();
    for (DashboardFile.Query query : queries) {
      try {
        JsonNode result =
            query.instant()
                ? prometheus.query(query.expr())
                : prometheus.queryRange(query.expr(), Duration.ofMinutes(1));
        if (result.isEmpty()) {
          failures.add(query + " returned no data");
        }
      } catch (PrometheusServer.PrometheusQueryException e) {
        failures.add(query.source() + ": " + e.getMessage());
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void everyDocumentedFamilyIsScrapedWithItsType() {
    Map<String, String> expected = new TreeMap<>();
    MetricFamilies.all()
        .forEach(
            family -> expected.put(family.name(), family.type().name().toLowerCase(Locale.ROOT)));
    Map<String, String> scraped = new TreeMap<>();
    prometheus
        .metadata()
        .properties()
        .forEach(
            entry -> {
              String name = entry.getKey();
              String type = entry.getValue().get(0).path("type").asText();
              if (name.startsWith("jvm_thread_") || name.startsWith("jfr_threads_")) {
                // the text format names a counter family with its _total suffix, OpenMetrics
                // without
                scraped.put(type.equals("counter") ? name.replaceFirst("_total$", "") : name, type);
              }
            });

    assertThat(scraped).isEqualTo(expected);
  }

  @Test
  void theExpositionPassesPromtoolCheckMetrics(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("metrics.prom");
    HttpResponse<Path> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(target)
                    .header("Accept", "text/plain;version=0.0.4")
                    .timeout(TIMEOUT)
                    .build(),
                HttpResponse.BodyHandlers.ofFile(file));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Files.size(file)).isPositive();

    Subprocess.Result result =
        Subprocess.run(
            dir,
            TIMEOUT,
            List.of(
                "sh",
                "-c",
                "\"$0\" check metrics < \"$1\"",
                OpsTools.promtool().toString(),
                file.toString()));

    assertThat(result.succeeded()).as("%s", result).isTrue();
    assertThat(result.output()).isEmpty();
  }
}
