package org.jfrthreads.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.jfrthreads.childjvm.ChildJvm;
import org.jfrthreads.childjvm.Scrape;
import org.jfrthreads.childjvm.TestApps;
import org.jfrthreads.testing.TestKeyStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sidecar in this JVM, watching a child JVM over JMX on 127.0.0.1. */
class WatchIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String KEY_STORE_PASSWORD = "changeit-123";

  @TempDir static Path apps;

  @BeforeAll
  static void compileBusy() throws IOException {
    TestApps.compile(apps, "Busy", TestApps.BUSY, List.of());
  }

  @Test
  void theSidecarServesTheTargetsThreadsMarksThemStaleWhenItDiesAndReconnects() throws Exception {
    int jmxPort = freePort();
    WatchOptions options =
        WatchOptions.parse("--jmx", "127.0.0.1:" + jmxPort, "--host", "127.0.0.1", "--port", "0");
    try (ChildJvm first = busyWithJmx(jmxPort);
        WatchCommand sidecar = WatchCommand.start(options)) {
      long firstPid = Long.parseLong(first.await("^busy ready (\\d+)", TIMEOUT));

      String watching =
          Scrape.until(sidecar.httpPort(), body -> body.contains(TestApps.BUSY_BLOCKED), TIMEOUT);

      assertThat(watching)
          .contains(
              "jfr_threads_target_up 1.0",
              "jfr_threads_stream_up 1.0",
              "jfr_threads_target_info{jvm_pid=\""
                  + firstPid
                  + "\",jvm_version=\""
                  + System.getProperty("java.runtime.version")
                  + "\",target=\"127.0.0.1:"
                  + jmxPort
                  + "\"} 1",
              "jvm_thread_blocked_seconds_count{class=\"Busy$ChildLock\",kind=\"monitor_enter\",virtual=\"false\"}");

      first.kill();
      String stale =
          Scrape.until(
              sidecar.httpPort(), body -> body.contains("jfr_threads_target_up 0.0"), TIMEOUT);

      assertThat(stale)
          .contains(
              "jfr_threads_target_up 0.0",
              "jfr_threads_stream_up 0.0",
              "jfr_threads_target_info{jvm_pid=\"" + firstPid + "\"",
              "jvm_thread_blocked_seconds_count{class=\"Busy$ChildLock\",kind=\"monitor_enter\",virtual=\"false\"}");

      try (ChildJvm second = busyWithJmx(jmxPort)) {
        long secondPid = Long.parseLong(second.await("^busy ready (\\d+)", TIMEOUT));

        String reconnected =
            Scrape.until(
                sidecar.httpPort(),
                body ->
                    body.contains("jvm_pid=\"" + secondPid + "\"")
                        && body.contains("jfr_threads_stream_up 1.0"),
                TIMEOUT);

        assertThat(reconnected)
            .contains(
                "jfr_threads_target_up 1.0",
                "jfr_threads_stream_up 1.0",
                "jvm_pid=\"" + secondPid + "\"");
      }
    }
  }

  @Test
  void theSidecarServesOnlyTheUserWithThePasswordAndOverTlsWhenAsked(@TempDir Path secrets)
      throws Exception {
    int jmxPort = freePort();
    Path keyStore = TestKeyStore.create(secrets.resolve("sidecar.p12"), KEY_STORE_PASSWORD);
    WatchOptions options =
        WatchOptions.parse(
            "--jmx",
            "127.0.0.1:" + jmxPort,
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "httpUser=prometheus",
            "httpPasswordFile=" + Files.writeString(secrets.resolve("password"), "s3cret\n"),
            "httpsKeyStore=" + keyStore,
            "httpsKeyStorePasswordFile="
                + Files.writeString(secrets.resolve("store-password"), KEY_STORE_PASSWORD));
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(TestKeyStore.trusting(keyStore, KEY_STORE_PASSWORD))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    try (ChildJvm target = busyWithJmx(jmxPort);
        WatchCommand sidecar = WatchCommand.start(options)) {
      target.await("^busy ready (\\d+)", TIMEOUT);
      URI metrics = URI.create("https://127.0.0.1:" + sidecar.httpPort() + "/metrics");

      assertThat(scrape(client, metrics, null).statusCode()).isEqualTo(401);
      assertThat(scrape(client, metrics, "prometheus:wrong").statusCode()).isEqualTo(401);
      assertThat(scrape(client, metrics, "scraper:s3cret").statusCode()).isEqualTo(401);
      HttpResponse<String> served = scrape(client, metrics, "prometheus:s3cret");
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!served.body().contains(TestApps.BUSY_BLOCKED) && System.nanoTime() < deadline) {
        Thread.sleep(200);
        served = scrape(client, metrics, "prometheus:s3cret");
      }
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.body()).contains("jfr_threads_target_up 1.0", TestApps.BUSY_BLOCKED);
      assertThat(Scrape.once(sidecar.httpPort())).as("plain HTTP").isEmpty();
    }
  }

  @Test
  void theSidecarAsksForBasicAuthenticationOverPlainHttpToo(@TempDir Path secrets)
      throws Exception {
    WatchOptions options =
        WatchOptions.parse(
            "--jmx",
            "127.0.0.1:" + freePort(), // nobody there: the endpoint serves all the same
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "httpUser=prometheus",
            "httpPasswordFile=" + Files.writeString(secrets.resolve("password"), "s3cret"));
    HttpClient client = HttpClient.newHttpClient();
    try (WatchCommand sidecar = WatchCommand.start(options)) {
      URI metrics = URI.create("http://127.0.0.1:" + sidecar.httpPort() + "/metrics");

      assertThat(scrape(client, metrics, null).statusCode()).isEqualTo(401);
      assertThat(scrape(client, metrics, "prometheus:s3cre").statusCode()).isEqualTo(401);
      HttpResponse<String> served = scrape(client, metrics, "prometheus:s3cret");
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.body()).contains("jfr_threads_target_up 0.0");
    }
  }

  @Test
  void badEndpointSettingsAreRefusedAsTheAgentRefusesThem(@TempDir Path secrets) throws Exception {
    Path password = Files.writeString(secrets.resolve("password"), "s3cret");
    assertThat(parseError("--pid", "12", "httpUser=prometheus"))
        .startsWith("httpUser without httpPasswordFile. Expecting both, or neither.");
    assertThat(parseError("--pid", "12", "httpsKeyStorePasswordFile=" + password))
        .startsWith("httpsKeyStorePasswordFile without httpsKeyStore. Expecting both, or neither.");
    assertThat(parseError("--pid", "12", "httpUser=prometheus", "httpPasswordFile=" + secrets))
        .startsWith(secrets + ": no such regular file for the basic auth password file.");
    assertThat(
            parseError(
                "--pid", "12", "httpUser=prometheus", "httpPasswordFile=" + Path.of("/dev/zero")))
        .startsWith("/dev/zero: no such regular file");
    assertThat(
            parseError(
                "--pid",
                "12",
                "httpsKeyStore=" + password,
                "httpsKeyStorePasswordFile=" + password))
        .contains("password: not a TLS key store");
    assertThat(parseError("--pid", "12", "logLevel=info"))
        .startsWith("logLevel=info: a setting of the agent only;");
  }

  private static HttpResponse<String> scrape(HttpClient client, URI metrics, String credentials)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5));
    if (credentials != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void badWatchOptionsNameTheOption() {
    assertThat(parseError("--jmx", "127.0.0.1"))
        .startsWith("127.0.0.1: illegal JMX address. Expecting HOST:PORT");
    assertThat(parseError("--port", "9400"))
        .startsWith("no JVM to watch: give --jmx HOST:PORT or --pid PID.");
    assertThat(parseError("--pid", "12", "--verbose", "x"))
        .startsWith("--verbose: unknown option.");
    assertThat(parseError("--pid", "12", "threshold.park=fast"))
        .startsWith("threshold.park=fast: illegal duration.");
  }

  private static String parseError(String... arguments) {
    try {
      WatchOptions.parse(arguments);
      return "accepted";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static ChildJvm busyWithJmx(int port) throws IOException {
    return ChildJvm.start(
        ChildJvm.CURRENT_JDK,
        List.of(
            "-Dcom.sun.management.jmxremote.port=" + port,
            "-Dcom.sun.management.jmxremote.rmi.port=" + port,
            "-Dcom.sun.management.jmxremote.host=127.0.0.1",
            "-Djava.rmi.server.hostname=127.0.0.1",
            "-Dcom.sun.management.jmxremote.authenticate=false",
            "-Dcom.sun.management.jmxremote.ssl=false",
            "-cp",
            apps.toString(),
            "Busy"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
