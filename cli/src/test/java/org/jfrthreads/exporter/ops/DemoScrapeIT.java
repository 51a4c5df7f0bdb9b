package org.jfrthreads.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@link ScrapeContract} against the real thing: the demo, run from the command-line jar the
 * build ships ({@code java -jar jfr-threads-all.jar demo}), scraped by a real Prometheus with the
 * shipped rules. The demo leaks a platform thread a second from {@code SessionRegistry.openSession}
 * after five quiet seconds; the leak alert must name that site.
 */
class DemoScrapeIT extends ScrapeContract {

  private static final String LEAK_SITE =
      "org.jfrthreads.cli.internal.demo.DemoWorkload$SessionRegistry.openSession";
  private static final Duration LEAK_TIMEOUT = Duration.ofMinutes(3);
  private static final Pattern SERVING = Pattern.compile("metrics on (http://\\S+/metrics)");

  private Process demo;

  @Override
  URI startTarget() throws Exception {
    Path jar = Path.of(System.getProperty("jfrthreads.jar", "target/jfr-threads-all.jar"));
    assertThat(jar).as("the command-line jar; run through `mvn verify`").isRegularFile();
    demo =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "demo",
                "--host",
                "127.0.0.1",
                "--port",
                "0")
            .redirectErrorStream(true)
            .start();
    URI target = CompletableFuture.supplyAsync(this::servingAddress).get(60, TimeUnit.SECONDS);
    // Every dashboard query must return data: wait until the demo's leak is suspected and the
    // leak detector has its baseline (it judges a series after about 90 samples of a second).
    awaitExposition(
        target,
        body ->
            body.contains("jvm_thread_live_baseline{virtual=\"false\"}")
                && body.contains(
                    "jvm_thread_leak_suspected{site=\"" + LEAK_SITE + "\",virtual=\"false\"} 1.0"));
    return target;
  }

  private URI servingAddress() {
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        Matcher serving = SERVING.matcher(line);
        if (serving.find()) {
          // keep draining the demo's summary so that it never blocks on a full pipe
          Thread.ofPlatform().daemon().start(() -> out.lines().forEach(ignored -> {}));
          return URI.create(serving.group(1));
        }
      }
      throw new IllegalStateException("the demo exited before serving /metrics");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void awaitExposition(URI target, java.util.function.Predicate<String> ready)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + LEAK_TIMEOUT.toNanos();
    String body = "";
    while (System.nanoTime() < deadline) {
      body =
          http.send(HttpRequest.newBuilder(target).build(), HttpResponse.BodyHandlers.ofString())
              .body();
      if (ready.test(body)) {
        return;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(
        "the demo's exposition did not show the leak within " + LEAK_TIMEOUT + ":\n" + body);
  }

  @Override
  void stopTarget() throws Exception {
    demo.destroy();
    if (!demo.waitFor(30, TimeUnit.SECONDS)) {
      demo.destroyForcibly().waitFor();
    }
  }

  @Test
  void theLeakAlertNamesTheDemosLeakingSite() throws Exception {
    JsonNode alerts =
        prometheus.awaitQuery(
            "ALERTS{alertname=\"JfrThreadsLeakSuspected\",site=\"" + LEAK_SITE + "\"}",
            result -> !result.isEmpty(),
            TIMEOUT);

    assertThat(alerts.get(0).path("metric").path("alertstate").asText()).isIn("pending", "firing");
  }

  @Test
  void theDemoJarRunsOnItsOwnClasspath() throws Exception {
    assertThat(
            Files.size(Path.of(System.getProperty("jfrthreads.jar", "target/jfr-threads-all.jar"))))
        .isPositive();
    assertThat(demo.isAlive()).isTrue();
    assertThat(List.of(demo.info().command().orElse("")))
        .allSatisfy(command -> assertThat(command).endsWith("java"));
  }
}
