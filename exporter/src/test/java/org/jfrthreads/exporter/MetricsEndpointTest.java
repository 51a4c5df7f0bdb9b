package org.jfrthreads.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The endpoint cannot be held down: requests held half-sent by raw sockets keep no scrape waiting,
 * are cut off at their timeout, and beyond the limit are refused rather than queued.
 */
class MetricsEndpointTest {

  private static final Duration GENEROUS = Duration.ofSeconds(30);
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(GENEROUS).build();

  private final List<Socket> held = new ArrayList<>();

  @AfterEach
  void releaseHeldSockets() throws IOException {
    for (Socket socket : held) {
      socket.close();
    }
  }

  @Test
  void aScrapeIsServedWhileFiftyHalfSentRequestsAreHeld() throws Exception {
    try (MetricsEndpoint endpoint = endpoint().start()) {
      for (int i = 0; i < 50; i++) {
        holdHalfSentRequest(endpoint.port());
      }
      assertThat(Poll.until(() -> endpoint.runningRequests() == 50, GENEROUS))
          .as("the server is reading all 50 half-sent requests")
          .isTrue();

      HttpResponse<String> scrape = get(endpoint.port(), "/metrics", "GET");

      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body()).contains("endpoint_test_value 42.0");
      // The scrape's own exchange is counted until just after its answer has been sent.
      assertThat(Poll.until(() -> endpoint.runningRequests() <= 50, GENEROUS)).isTrue();
      assertThat(endpoint.runningRequests()).as("still held").isEqualTo(50);
    }
  }

  @Test
  void aHalfSentRequestIsCutOffAtItsTimeout() throws Exception {
    try (MetricsEndpoint endpoint = endpoint().timeout(Duration.ofMillis(200)).start()) {
      Socket socket = holdHalfSentRequest(endpoint.port());
      socket.setSoTimeout((int) GENEROUS.toMillis());

      assertThat(readToEnd(socket.getInputStream())).as("closed without an answer").isEmpty();
      assertThat(endpoint.timedOutRequests()).isEqualTo(1);
      assertThat(get(endpoint.port(), "/metrics", "GET").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void requestsBeyondTheLimitAreRefusedNotQueued() throws Exception {
    try (MetricsEndpoint endpoint = endpoint().maxExchanges(2).start()) {
      holdHalfSentRequest(endpoint.port());
      holdHalfSentRequest(endpoint.port());
      assertThat(Poll.until(() -> endpoint.runningRequests() == 2, GENEROUS)).isTrue();
      Socket third = holdHalfSentRequest(endpoint.port());
      third.setSoTimeout((int) GENEROUS.toMillis());

      assertThat(readToEnd(third.getInputStream())).as("closed without an answer").isEmpty();
      assertThat(endpoint.refusedRequests()).isEqualTo(1);

      releaseHeldSockets();
      held.clear();
      assertThat(Poll.until(() -> endpoint.runningRequests() == 0, GENEROUS)).isTrue();
      assertThat(get(endpoint.port(), "/metrics", "GET").statusCode()).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
  void methodsOtherThanGetAndHeadGet405(String method) throws Exception {
    try (MetricsEndpoint endpoint = endpoint().start()) {
      HttpResponse<String> response = get(endpoint.port(), "/metrics", method);

      assertThat(response.statusCode()).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
      assertThat(response.body())
          .isEqualTo(method + ": method not allowed. Expecting GET or HEAD.\n");
    }
  }

  @Test
  void headIsServedWithoutABody() throws Exception {
    try (MetricsEndpoint endpoint = endpoint().start()) {
      HttpResponse<String> response = get(endpoint.port(), "/metrics", "HEAD");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEmpty();
    }
  }

  @Test
  void anUnknownDebugFormatIsABadRequestNotAServerError() throws Exception {
    try (MetricsEndpoint endpoint = endpoint().start()) {
      HttpResponse<String> bogus = get(endpoint.port(), "/metrics?debug=bogus", "GET");
      HttpResponse<String> empty = get(endpoint.port(), "/metrics?debug=", "GET");
      HttpResponse<String> text = get(endpoint.port(), "/metrics?debug=text", "GET");

      assertThat(bogus.statusCode()).isEqualTo(400);
      assertThat(bogus.body())
          .isEqualTo(
              "debug=bogus: unsupported query parameter. Valid values are 'openmetrics', 'text',"
                  + " and 'prometheus-protobuf'.\n");
      assertThat(empty.statusCode()).isEqualTo(400);
      assertThat(text.statusCode()).isEqualTo(200);
      assertThat(text.body()).contains("endpoint_test_value 42.0");
    }
  }

  @Test
  void aRequestBodyIsRefusedUnread() throws Exception {
    try (MetricsEndpoint endpoint = endpoint().start()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri(endpoint.port(), "/metrics"))
                  .method("GET", HttpRequest.BodyPublishers.ofString("x".repeat(100_000)))
                  .timeout(GENEROUS)
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(413);
    }
  }

  @Test
  void anOversizedHeaderIsRefusedAndTheEndpointServesOn() throws Exception {
    try (MetricsEndpoint endpoint = endpoint().start()) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.port())) {
        socket.setSoTimeout((int) GENEROUS.toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(
            "GET /metrics HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                .getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = "a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        try {
          for (int i = 0; i < 16; i++) { // 1 MiB, beyond the JDK's 380 KiB of headers
            out.write(chunk);
          }
          out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException closedByServer) {
          // The server may close before the last bytes are written: that is the refusal.
        }
        assertThat(readToEnd(socket.getInputStream())).doesNotContain("endpoint_test_value");
      }

      assertThat(get(endpoint.port(), "/metrics", "GET").statusCode()).isEqualTo(200);
    }
  }

  private static MetricsEndpoint.Builder endpoint() {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(
        () ->
            new MetricSnapshots(
                new GaugeSnapshot(
                    new MetricMetadata("endpoint_test_value", "A value to scrape."),
                    List.of(new GaugeDataPointSnapshot(42, Labels.EMPTY, null)))));
    return MetricsEndpoint.builder().registry(registry).host("127.0.0.1").port(0);
  }

  /** A request line and one header, never the blank line that ends the headers. */
  private Socket holdHalfSentRequest(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    held.add(socket);
    OutputStream out = socket.getOutputStream();
    out.write("GET /metrics HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  private static String readToEnd(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException reset) {
      return "";
    }
  }

  private static HttpResponse<String> get(int port, String path, String method)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(port, path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(GENEROUS)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
