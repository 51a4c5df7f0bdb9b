package org.jfrthreads.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JfrThreadsTest {

  private static final HttpClient http = HttpClient.newHttpClient();

  @Test
  void scrapeOverHttpServesEveryFamilyAsPrometheusText() throws Exception {
    try (JfrThreads threads =
        JfrThreads.builder()
            .registry(new PrometheusRegistry())
            .httpHost("127.0.0.1")
            .httpPort(0)
            .start()) {
      assertThat(threads.problems()).isEmpty();
      // A virtual thread pinned in a class initializer that sleeps: every family gets a series.
      Thread.ofVirtual().start(SlowInitializer::touch).join();
      assertThat(
              Poll.until(
                  () ->
                      !threads.snapshot().pinned().isEmpty()
                          && !threads.snapshot().blocked().isEmpty(),
                  Duration.ofSeconds(30)))
          .as("the pinned sleep was analyzed")
          .isTrue();

      HttpResponse<String> response = get(threads.httpPort(), "text/plain");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(response.body())
          .contains(
              "# TYPE jvm_thread_lifetime_seconds histogram",
              "# TYPE jvm_thread_lifetime_recent_seconds summary",
              "# TYPE jvm_thread_started_total counter",
              "# TYPE jvm_thread_ended_total counter",
              "# TYPE jvm_thread_live gauge",
              "# TYPE jvm_thread_blocked_seconds histogram",
              "# TYPE jvm_thread_blocked_recent_seconds summary",
              "# TYPE jvm_thread_pinned_seconds histogram",
              "# TYPE jvm_thread_pinned_recent_seconds summary",
              "# TYPE jfr_threads_events_total counter",
              "# TYPE jfr_threads_events_dropped_total counter",
              "# TYPE jfr_threads_untracked_threads_total counter",
              "# TYPE jfr_threads_tracked_threads gauge",
              "# TYPE jfr_threads_series_overflow_total counter",
              "# TYPE jfr_threads_stream_errors_total counter",
              "# TYPE jfr_threads_stream_up gauge",
              "# TYPE jfr_threads_delivery_lag_seconds gauge",
              "jfr_threads_stream_up 1.0",
              "jfr_threads_events_total{event=\"jdk.VirtualThreadEnd\"}");
    }
  }

  @Test
  void openMetricsIsServedToScrapersThatAskForIt() throws Exception {
    try (JfrThreads threads =
        JfrThreads.builder()
            .registry(new PrometheusRegistry())
            .httpHost("127.0.0.1")
            .httpPort(0)
            .start()) {
      HttpResponse<String> response =
          get(threads.httpPort(), "application/openmetrics-text; version=1.0.0");

      assertThat(response.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("application/openmetrics-text");
      assertThat(response.body()).contains("# TYPE jvm_thread_started counter").endsWith("# EOF\n");
    }
  }

  @Test
  void aTakenPortIsReportedAsAProblemAndWatchingGoesOn() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (ServerSocket taken = new ServerSocket(0, 1, loopback);
        JfrThreads threads =
            JfrThreads.builder()
                .registry(new PrometheusRegistry())
                .httpHost("127.0.0.1")
                .httpPort(taken.getLocalPort())
                .start()) {
      assertThat(threads.problems())
          .singleElement()
          .asString()
          .startsWith("cannot serve /metrics on 127.0.0.1:" + taken.getLocalPort() + " (")
          .endsWith("): the port is taken or not allowed; choose another with httpPort(...).");
      assertThat(threads.httpPort()).isEqualTo(-1);
      assertThat(Poll.until(() -> threads.sourceStatistics().running(), Duration.ofSeconds(30)))
          .isTrue();
    }
  }

  @Test
  void closingRemovesTheMetricsFromTheRegistry() {
    PrometheusRegistry registry = new PrometheusRegistry();
    JfrThreads threads = JfrThreads.builder().registry(registry).start();
    assertThat(registry.scrape().size()).isPositive();

    threads.close();
    threads.close();

    assertThat(registry.scrape().size()).isZero();
  }

  private static final class SlowInitializer {
    static {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    static void touch() {}
  }

  private static HttpResponse<String> get(int port, String accept) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .header("Accept", accept)
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
