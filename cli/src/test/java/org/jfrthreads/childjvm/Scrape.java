package org.jfrthreads.childjvm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Scrapes a {@code /metrics} endpoint on 127.0.0.1 until it shows what a test waits for. */
public final class Scrape {

  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Scrape() {}

  /** One scrape of Prometheus text; the empty string when nothing answers. */
  public static String once(int port) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Scrapes every 200 ms until {@code condition} holds; returns the last scrape, which the test
   * then asserts on (so a timeout fails with what was seen).
   */
  public static String until(int port, Predicate<String> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String body = once(port);
    while (!condition.test(body) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      body = once(port);
    }
    return body;
  }
}
