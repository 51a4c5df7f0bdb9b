package org.jfrthreads.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The {@link ScrapeContract} against a fixed exposition of every documented family
 * (static-target.prom) served by this test, so that the harness, the rules and the dashboard are
 * checked against a real Prometheus before any JVM is involved.
 */
class StaticTargetScrapeTest extends ScrapeContract {

  private HttpServer server;

  @Override
  URI startTarget() throws Exception {
    byte[] exposition;
    try (InputStream in = StaticTargetScrapeTest.class.getResourceAsStream("static-target.prom")) {
      exposition = in.readAllBytes();
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/metrics",
        exchange -> {
          exchange
              .getResponseHeaders()
              .set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
          exchange.sendResponseHeaders(200, exposition.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(exposition);
          }
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
  }

  @Override
  void stopTarget() {
    server.stop(0);
  }

  @Test
  void theLeakInTheExpositionRaisesTheLeakAlertAndNothingElse() throws Exception {
    JsonNode alerts = prometheus.awaitQuery("ALERTS", result -> !result.isEmpty(), TIMEOUT);

    Set<String> active = new TreeSet<>();
    alerts.forEach(
        alert ->
            active.add(
                alert.path("metric").path("alertname").asText()
                    + "{site="
                    + alert.path("metric").path("site").asText()
                    + ","
                    + alert.path("metric").path("alertstate").asText()
                    + "}"));
    assertThat(active)
        .containsExactly("JfrThreadsLeakSuspected{site=org.jfrthreads.demo.Leak.spawn,pending}");
  }
}
