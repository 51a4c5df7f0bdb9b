package org.jfrthreads.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped rules and dashboard select only metrics that jfr-threads (or Prometheus) publishes.
 */
class MetricNamesTest {

  private static final Map<String, String> TARGET =
      Map.of("job", "demo", "instance", "127.0.0.1:9400");

  @Test
  void everyDashboardQueryNamesOnlyDocumentedMetrics() throws IOException {
    List<DashboardFile.Query> queries =
        DashboardFile.read(OpsTools.dashboardFile()).queries(TARGET);

    assertThat(queries).hasSizeGreaterThan(30);
    assertThat(MetricNameCheck.unknownNames(labelled(queries), MetricFamilies.knownSeriesNames()))
        .isEmpty();
  }

  @Test
  void everyRuleExpressionNamesOnlyDocumentedMetricsOrRecordedSeries() throws IOException {
    RulesFile rules = RulesFile.read(OpsTools.rulesFile());
    Set<String> known = new HashSet<>(MetricFamilies.knownSeriesNames());
    known.addAll(rules.recordedNames());

    List<MetricNameCheck.Labelled> expressions =
        rules.rules().stream()
            .map(rule -> new MetricNameCheck.Labelled(rule.toString(), rule.expr()))
            .toList();
    assertThat(MetricNameCheck.unknownNames(expressions, known)).isEmpty();
  }

  @Test
  void everyDocumentedFamilyIsShownOnTheDashboard() throws IOException {
    Set<String> named = new HashSet<>();
    DashboardFile.read(OpsTools.dashboardFile())
        .queries(TARGET)
        .forEach(query -> named.addAll(PromQlMetricNames.of(query.expr())));

    List<String> missing =
        MetricFamilies.all().stream()
            .filter(family -> family.seriesNames().stream().noneMatch(named::contains))
            .map(MetricFamilies.Family::name)
            .toList();
    assertThat(missing).isEmpty();
  }

  @Test
  void aDashboardQueryNamingAMissingMetricIsReported(@TempDir Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode dashboard = (ObjectNode) json.readTree(OpsTools.dashboardFile().toFile());
    ObjectNode target = (ObjectNode) dashboard.findValues("targets").get(0).get(0);
    target.put("expr", "sum(jvm_thread_livee{job=~\"$job\",instance=~\"$instance\"})");
    Path broken = dir.resolve("dashboard.json");
    json.writeValue(broken.toFile(), dashboard);

    List<String> problems =
        MetricNameCheck.unknownNames(
            labelled(DashboardFile.read(broken).queries(TARGET)),
            MetricFamilies.knownSeriesNames());

    assertThat(problems)
        .singleElement()
        .asString()
        .contains("[jvm_thread_livee]")
        .contains("sum(jvm_thread_livee{job=~\"demo\",instance=~\"127.0.0.1:9400\"})");
  }

  @Test
  void aRuleNamingAMissingMetricIsReported(@TempDir Path dir) throws IOException {
    Path broken = dir.resolve("rules.yml");
    Files.writeString(
        broken,
        Files.readString(OpsTools.rulesFile())
            .replace("expr: jfr_threads_stream_up == 0", "expr: jfr_threads_stream_upp == 0"));
    RulesFile rules = RulesFile.read(broken);
    Set<String> known = new HashSet<>(MetricFamilies.knownSeriesNames());
    known.addAll(rules.recordedNames());

    List<String> problems =
        MetricNameCheck.unknownNames(
            rules.rules().stream()
                .map(rule -> new MetricNameCheck.Labelled(rule.toString(), rule.expr()))
                .toList(),
            known);

    assertThat(problems)
        .containsExactly(
            "alert JfrThreadsStreamDown names unknown metrics [jfr_threads_stream_upp] in: jfr_threads_stream_upp == 0");
  }

  @Test
  void aNativeHistogramNameIsReportedBecauseOnlyClassicBucketsAreGuaranteed() {
    List<String> problems =
        MetricNameCheck.unknownNames(
            List.of(
                new MetricNameCheck.Labelled(
                    "q", "histogram_quantile(0.99, rate(jvm_thread_blocked_seconds[5m]))")),
            MetricFamilies.knownSeriesNames());

    assertThat(problems).singleElement().asString().contains("[jvm_thread_blocked_seconds]");
  }

  @Test
  void anUnfilledTemplateVariableIsReportedWithItsPanel(@TempDir Path dir) throws IOException {
    Path dashboard = dir.resolve("dashboard.json");
    Files.writeString(
        dashboard,
        """
                {"panels": [{"title": "Lag", "targets": [{"refId": "A", "expr": "max(jfr_threads_delivery_lag_seconds{pod=\\"$pod\\"})"}]}]}
                """);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> DashboardFile.read(dashboard).queries(TARGET))
        .withMessageContaining("panel 'Lag' query A: variable $pod has no value");
  }

  @Test
  void templateVariablesAreFilledInAsGrafanaWould(@TempDir Path dir) throws IOException {
    Path dashboard = dir.resolve("dashboard.json");
    Files.writeString(
        dashboard,
        """
                {"templating": {"list": [
                   {"name": "instance", "type": "query", "query": {"query": "label_values(jfr_threads_stream_up{job=~\\"$job\\"}, instance)"}},
                   {"name": "kind", "type": "custom", "query": "park, sleep"}]},
                 "panels": [{"type": "row", "panels": [{"title": "Blocked", "targets": [{"refId": "B", "instant": true,
                   "expr": "sum(rate(jvm_thread_blocked_seconds_count{kind=~\\"${kind}\\",instance=~\\"$instance\\"}[$__rate_interval]))"}]}]}]}
                """);

    assertThat(DashboardFile.read(dashboard).queries(TARGET))
        .containsExactly(
            new DashboardFile.Query(
                "variable $instance",
                "count by (instance) (jfr_threads_stream_up{job=~\"demo\"})",
                true),
            new DashboardFile.Query(
                "panel 'Blocked' query B",
                "sum(rate(jvm_thread_blocked_seconds_count{kind=~\"(park|sleep)\",instance=~\"127.0.0.1:9400\"}[1m]))",
                true));
  }

  @Test
  void metricNamesAreTakenFromSelectorsNotFromLabelsFunctionsStringsOrComments() {
    String expr =
        """
                histogram_quantile(0.99, sum by (le, job) (rate(jvm_thread_blocked_seconds_bucket{kind=~"park|x{y}", class!~".*Object"}[5m])))
                  and on (job) group_left (site) jvm_thread_live > bool 1e3   # compare with jvm_thread_not_a_name
                  unless ignoring (virtual) sum without (virtual) (jvm_thread_live_baseline offset 1h) * 0x10
                  or label_replace(up, "dst", "$1", "src", "(.*)") or vector(0) or topk(5, max_over_time(x:y:z[1h:1m]))
                """;

    assertThat(PromQlMetricNames.of(expr))
        .containsExactly(
            "jvm_thread_blocked_seconds_bucket",
            "jvm_thread_live",
            "jvm_thread_live_baseline",
            "up",
            "x:y:z");
  }

  private static List<MetricNameCheck.Labelled> labelled(List<DashboardFile.Query> queries) {
    return queries.stream()
        .map(query -> new MetricNameCheck.Labelled(query.source(), query.expr()))
        .toList();
  }
}
