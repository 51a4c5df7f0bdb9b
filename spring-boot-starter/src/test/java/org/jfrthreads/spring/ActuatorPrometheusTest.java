package org.jfrthreads.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jfrthreads.exporter.JfrThreads;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

/** A real application on a random port: the thread families on its own /actuator/prometheus. */
@SpringBootTest(
    classes = ActuatorPrometheusTest.Application.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoints.web.exposure.include=prometheus",
      "jfr-threads.threshold-monitor-enter=20ms"
    })
class ActuatorPrometheusTest {

  private static final HttpClient http = HttpClient.newHttpClient();

  private static final String CONTENDED_COUNT =
      "jvm_thread_blocked_seconds_count{class=\"org.jfrthreads.spring.Contention\","
          + "kind=\"monitor_enter\",virtual=\"false\"} 1";

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class Application {}

  @Value("${local.server.port}")
  int port;

  @Autowired JfrThreads threads;

  @Test
  void aContendedLockShowsOnActuatorPrometheusBesideTheApplicationsMetrics() throws Exception {
    assertThat(threads.problems()).isEmpty();

    Contention.onceOnMonitor();

    assertThat(
            Contention.pollUntil(() -> scrape().contains(CONTENDED_COUNT), Duration.ofSeconds(30)))
        .as("the contended monitor on /actuator/prometheus:\n%s", scrape())
        .isTrue();
    String scrape = scrape();
    assertThat(scrape)
        .contains(
            "# TYPE jvm_thread_blocked_seconds histogram",
            "jvm_thread_blocked_seconds_bucket{class=\"org.jfrthreads.spring.Contention\","
                + "kind=\"monitor_enter\",virtual=\"false\",le=\"0.025\"} 0",
            "jvm_thread_blocked_seconds_bucket{class=\"org.jfrthreads.spring.Contention\","
                + "kind=\"monitor_enter\",virtual=\"false\",le=\"+Inf\"} 1",
            "# TYPE jvm_thread_live gauge",
            "# TYPE jvm_thread_started_total counter",
            "jfr_threads_stream_up 1",
            // The application's own metrics, from Micrometer, in the same scrape.
            "# TYPE jvm_memory_used_bytes gauge",
            "# TYPE http_server_requests_seconds");
    // The README's excerpt is taken from this file.
    Files.writeString(Path.of("target", "actuator-prometheus.txt"), scrape);
  }

  private String scrape() {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                  .header("Accept", "text/plain")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
