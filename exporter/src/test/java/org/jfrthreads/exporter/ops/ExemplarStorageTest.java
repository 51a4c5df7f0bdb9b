package org.jfrthreads.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jfrthreads.testing.TracedScopes.traced;

import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jfrthreads.exporter.JfrThreads;
import org.jfrthreads.testing.Contention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus with exemplar storage scrapes the library in OpenMetrics while a thread waits
 * for a contended monitor inside a traced scope: {@code /api/v1/query_exemplars} answers with that
 * scope's trace id.
 */
class ExemplarStorageTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String PRIMER = "ffffffffffffffffffffffffffffffff";
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String SPAN = "b7ad6b7169203331";

  /** The monitor the traced request waits for. */
  static final class Inventory {}

  @TempDir Path workDir;

  @Test
  void prometheusStoresTheTraceIdOfTheScopeOpenDuringARealMonitorWait() throws Exception {
    Path prometheusBinary = OpsTools.prometheus();
    try (JfrThreads threads =
        JfrThreads.builder()
            .registry(new PrometheusRegistry())
            .httpHost("127.0.0.1")
            .httpPort(0)
            .stateSampling(false)
            .start()) {
      assertThat(threads.problems()).isEmpty();
      URI target = URI.create("http://127.0.0.1:" + threads.httpPort() + "/metrics");
      // Nothing is held back for exemplars before the first scope is seen.
      Thread.ofPlatform().start(() -> traced(PRIMER, "ffffffffffffffff", () -> sleep(20))).join();
      awaitScopeSeen(threads);

      waitForMonitorInside(TRACE, SPAN);

      try (PrometheusServer prometheus =
          PrometheusServer.start(
              prometheusBinary,
              workDir,
              target,
              List.of(),
              List.of("--enable-feature=exemplar-storage"))) {
        prometheus.awaitTargetUp(TIMEOUT);
        JsonNode data =
            prometheus.awaitExemplars(
                "jvm_thread_blocked_seconds_bucket{class=\"" + Inventory.class.getName() + "\"}",
                Duration.ofMinutes(5),
                result -> !traceIds(result).isEmpty(),
                TIMEOUT);

        assertThat(traceIds(data)).containsOnly(TRACE);
        JsonNode exemplar = data.get(0).path("exemplars").get(0);
        assertThat(exemplar.path("labels").path("span_id").asText()).isEqualTo(SPAN);
        // about 150 ms; a wait of 10 ms or more (the threshold) is all that is certain
        assertThat(exemplar.path("value").asDouble()).isBetween(0.01, 60.0);
      }
    }
  }

  private static List<String> traceIds(JsonNode data) {
    List<String> ids = new ArrayList<>();
    for (JsonNode series : data) {
      for (JsonNode exemplar : series.path("exemplars")) {
        ids.add(exemplar.path("labels").path("trace_id").asText());
      }
    }
    return ids;
  }

  /** A platform thread, inside a traced scope, waits about 150 ms to enter a held monitor. */
  private static void waitForMonitorInside(String traceId, String spanId)
      throws InterruptedException {
    Contention.contendedMonitor(
        new Inventory(), 150, blocking -> traced(traceId, spanId, blocking));
  }

  private static void awaitScopeSeen(JfrThreads threads) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (threads.snapshot().statistics().exemplars().scopes() == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no traced scope reached the analyzer within " + TIMEOUT);
      }
      Thread.sleep(50);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
