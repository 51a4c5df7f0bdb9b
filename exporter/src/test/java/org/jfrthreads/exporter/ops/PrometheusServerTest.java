package org.jfrthreads.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * The shipped rules and dashboard against a real Prometheus that scrapes a fixed exposition of every
 * documented metric family (static-target.prom), served by this test. The same checks will run
 * against the demo JVM; here they show that the harness works and that no expression is rejected
 * by Prometheus or selects a series the exposition lacks.
 */
class PrometheusServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path workDir;

    private static byte[] exposition;
    private static HttpServer target;
    private static URI targetUri;
    private static PrometheusServer prometheus;
    private static TestAbortedException missing;

    @BeforeAll
    static void startTargetAndPrometheus() throws Exception {
        Path binary;
        try {
            binary = OpsTools.prometheus();
        } catch (TestAbortedException e) {
            missing = e;
            return;
        }
        try (InputStream in = PrometheusServerTest.class.getResourceAsStream("static-target.prom")) {
            exposition = in.readAllBytes();
        }
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/metrics", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, exposition.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(exposition);
            }
        });
        target.start();
        targetUri = URI.create("http://127.0.0.1:" + target.getAddress().getPort() + "/metrics");

        prometheus = PrometheusServer.start(binary, workDir, targetUri, List.of(OpsTools.rulesFile()));
        prometheus.awaitTargetUp(TIMEOUT);
        // rate() and increase() need two samples: wait for the second scrape
        prometheus.awaitQuery("count_over_time(jfr_threads_stream_up[1m])",
                result -> !result.isEmpty() && result.get(0).path("value").get(1).asDouble() >= 2, TIMEOUT);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (prometheus != null) {
                prometheus.close();
            }
        } finally {
            if (target != null) {
                target.stop(0);
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
        Map<String, String> variables = Map.of("job", PrometheusServer.JOB, "instance", PrometheusServer.instance(targetUri));
        List<DashboardFile.Query> queries = DashboardFile.read(OpsTools.dashboardFile()).queries(variables);

        List<String> failures = new ArrayList<>();
        for (DashboardFile.Query query : queries) {
            try {
                JsonNode result = query.instant()
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
        for (MetricFamilies.Family family : MetricFamilies.all()) {
            // the text format names a counter's family with its _total suffix
            String name = family.type() == MetricFamilies.Type.COUNTER ? family.name() + "_total" : family.name();
            expected.put(name, family.type().name().toLowerCase(java.util.Locale.ROOT));
        }
        Map<String, String> scraped = new TreeMap<>();
        prometheus.metadata().fields().forEachRemaining(entry -> {
            if (entry.getKey().startsWith("jvm_thread_") || entry.getKey().startsWith("jfr_threads_")) {
                scraped.put(entry.getKey(), entry.getValue().get(0).path("type").asText());
            }
        });

        assertThat(scraped).isEqualTo(expected);
    }

    @Test
    void theExpositionPassesPromtoolCheckMetrics(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metrics.prom");
        Files.write(file, exposition);

        Subprocess.Result result = Subprocess.run(dir, TIMEOUT,
                List.of("sh", "-c", "\"$0\" check metrics < \"$1\"", OpsTools.promtool().toString(), file.toString()));

        assertThat(result.succeeded()).as("%s", result).isTrue();
        assertThat(result.output()).isEmpty();
    }

    @Test
    void theLeakInTheExpositionRaisesTheLeakAlertAndNothingElse() throws Exception {
        JsonNode alerts = prometheus.awaitQuery("ALERTS", result -> !result.isEmpty(), TIMEOUT);

        Set<String> active = new TreeSet<>();
        alerts.forEach(alert -> active.add(alert.path("metric").path("alertname").asText()
                + "{site=" + alert.path("metric").path("site").asText() + "," + alert.path("metric").path("alertstate").asText() + "}"));
        assertThat(active).containsExactly("JfrThreadsLeakSuspected{site=org.jfrthreads.demo.Leak.spawn,pending}");
    }
}
