package org.jfrthreads.exporter.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Prometheus server for integration tests: bound to 127.0.0.1 on a free port, scraping one
 * target every second with the given rule files loaded (evaluated every second too), storing its
 * data under a folder the caller owns.
 *
 * <pre>{@code
 * try (PrometheusServer prometheus = PrometheusServer.start(OpsTools.prometheus(), workDir,
 *         URI.create("http://127.0.0.1:9400/metrics"), List.of(OpsTools.rulesFile()))) {
 *     prometheus.awaitTargetUp(Duration.ofSeconds(30));
 *     JsonNode result = prometheus.query("sum(jvm_thread_live)");
 * }
 * }</pre>
 *
 * <p>Waiting is done by polling the HTTP API (service discovery alone takes about 5 s), never by
 * sleeping for a fixed time. {@link #close()} stops the process by its PID (SIGTERM, then SIGKILL
 * after 10 s). Not thread-safe: one test thread drives one server.
 */
final class PrometheusServer implements AutoCloseable {

  /** The scrape job name; queries can select the target with {@code job="jfr-threads"}. */
  static final String JOB = "jfr-threads";

  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final URI api;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private PrometheusServer(Process process, URI api, Path log) {
    this.process = process;
    this.api = api;
    this.log = log;
  }

  /**
   * Starts Prometheus and waits until it answers {@code /-/ready}.
   *
   * @param prometheus the {@code prometheus} binary
   * @param workDir an empty folder for the configuration, the TSDB and the server's log
   * @param target the URL to scrape, e.g. {@code http://127.0.0.1:9400/metrics}
   * @param ruleFiles rule files to load; may be empty
   * @throws IllegalStateException with the server's log if it exits or is not ready within 30 s
   */
  static PrometheusServer start(Path prometheus, Path workDir, URI target, List<Path> ruleFiles)
      throws IOException, InterruptedException {
    return start(prometheus, workDir, target, ruleFiles, List.of());
  }

  /**
   * Starts Prometheus with extra command-line flags, such as {@code
   * --enable-feature=exemplar-storage}, and waits until it answers {@code /-/ready}.
   */
  static PrometheusServer start(
      Path prometheus, Path workDir, URI target, List<Path> ruleFiles, List<String> flags)
      throws IOException, InterruptedException {
    int port = freePort();
    Path config = workDir.resolve("prometheus.yml");
    Files.writeString(config, config(target, ruleFiles));
    Path log = workDir.resolve("prometheus.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                prometheus.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + workDir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=info"));
    command.addAll(flags);
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusServer server =
        new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
    try {
      server.await("ready", Duration.ofSeconds(30), () -> server.getStatus("/-/ready") == 200);
      return server;
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
  }

  /** The configuration file the server runs with. */
  static String config(URI target, List<Path> ruleFiles) {
    StringBuilder yaml = new StringBuilder();
    yaml.append(
        "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n");
    yaml.append("rule_files:\n");
    ruleFiles.forEach(
        file -> yaml.append("  - ").append(quoted(file.toAbsolutePath().toString())).append('\n'));
    if (ruleFiles.isEmpty()) {
      yaml.setLength(yaml.length() - "rule_files:\n".length());
    }
    yaml.append("scrape_configs:\n")
        .append("  - job_name: ")
        .append(JOB)
        .append('\n')
        .append("    scheme: ")
        .append(target.getScheme())
        .append('\n')
        .append("    metrics_path: ")
        .append(quoted(target.getRawPath().isEmpty() ? "/metrics" : target.getRawPath()))
        .append('\n')
        .append("    static_configs:\n")
        .append("      - targets: [")
        .append(quoted(target.getHost() + ":" + target.getPort()))
        .append("]\n");
    return yaml.toString();
  }

  /** The base URL of the HTTP API, e.g. {@code http://127.0.0.1:41234}. */
  URI url() {
    return api;
  }

  long pid() {
    return process.pid();
  }

  /** The target's {@code host:port}, as its {@code instance} label reads. */
  static String instance(URI target) {
    return target.getHost() + ":" + target.getPort();
  }

  /**
   * Polls {@code /api/v1/targets} until the scrape target is healthy.
   *
   * @throws IllegalStateException with the target's last error and the server log on time-out
   */
  void awaitTargetUp(Duration timeout) throws InterruptedException {
    await(
        "target up",
        timeout,
        () -> activeTarget().map(t -> t.path("health").asText().equals("up")).orElse(false));
  }

  /**
   * Polls until every loaded rule has been evaluated at least once, then returns the rules whose
   * last evaluation failed ({@code health != "ok"}) as "name: lastError".
   */
  List<String> awaitRulesEvaluated(Duration timeout) throws InterruptedException {
    await(
        "every rule evaluated",
        timeout,
        () ->
            rules().stream()
                .noneMatch(rule -> rule.path("lastEvaluation").asText().startsWith("0001-")));
    List<String> unhealthy = new ArrayList<>();
    for (JsonNode rule : rules()) {
      if (!rule.path("health").asText().equals("ok")) {
        unhealthy.add(rule.path("name").asText() + ": " + rule.path("lastError").asText());
      }
    }
    return unhealthy;
  }

  /**
   * Polls {@code expr} until {@code condition} holds for its result.
   *
   * @return the result that satisfied it
   */
  JsonNode awaitQuery(String expr, Predicate<JsonNode> condition, Duration timeout)
      throws InterruptedException {
    JsonNode[] last = new JsonNode[1];
    await("query " + expr, timeout, () -> condition.test(last[0] = query(expr)));
    return last[0];
  }

  /**
   * Runs an instant query at the current time.
   *
   * @return {@code data.result} of the answer (an array for vector results)
   * @throws PrometheusQueryException with Prometheus' error type and message if the query fails
   */
  JsonNode query(String expr) {
    JsonNode answer =
        getJson("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    if (!answer.path("status").asText().equals("success")) {
      throw new PrometheusQueryException(
          expr, answer.path("errorType").asText() + ": " + answer.path("error").asText());
    }
    return answer.path("data").path("result");
  }

  /**
   * Runs a range query over the last {@code range} at 1 s resolution; returns {@code data.result}.
   */
  private static String seconds(Instant instant) {
    return String.format(java.util.Locale.ROOT, "%.3f", instant.toEpochMilli() / 1000.0);
  }

  JsonNode queryRange(String expr, Duration range) {
    Instant end = Instant.now();
    JsonNode answer =
        getJson(
            "/api/v1/query_range?query="
                + URLEncoder.encode(expr, StandardCharsets.UTF_8)
                // fractional seconds: truncating "end" could leave out the sample just scraped
                + "&start="
                + seconds(end.minus(range))
                + "&end="
                + seconds(end)
                + "&step=1");
    if (!answer.path("status").asText().equals("success")) {
      throw new PrometheusQueryException(
          expr, answer.path("errorType").asText() + ": " + answer.path("error").asText());
    }
    return answer.path("data").path("result");
  }

  /**
   * The exemplars of the series {@code selector} selects over the last {@code range}, from {@code
   * /api/v1/query_exemplars} (needs {@code --enable-feature=exemplar-storage}); returns {@code
   * data}: one entry per series, each with its {@code exemplars}.
   */
  JsonNode queryExemplars(String selector, Duration range) {
    Instant end = Instant.now();
    JsonNode answer =
        getJson(
            "/api/v1/query_exemplars?query="
                + URLEncoder.encode(selector, StandardCharsets.UTF_8)
                + "&start="
                + seconds(end.minus(range))
                + "&end="
                + seconds(end.plusSeconds(1)));
    if (!answer.path("status").asText().equals("success")) {
      throw new PrometheusQueryException(
          selector, answer.path("errorType").asText() + ": " + answer.path("error").asText());
    }
    return answer.path("data");
  }

  /**
   * Polls the exemplars of {@code selector} over the last {@code range} until {@code condition}
   * holds; returns them.
   */
  JsonNode awaitExemplars(
      String selector, Duration range, Predicate<JsonNode> condition, Duration timeout)
      throws InterruptedException {
    JsonNode[] last = new JsonNode[1];
    await(
        "exemplars of " + selector,
        timeout,
        () -> condition.test(last[0] = queryExemplars(selector, range)));
    return last[0];
  }

  /** Metric metadata (type, help, unit) by family name, from {@code /api/v1/metadata}. */
  JsonNode metadata() {
    return getJson("/api/v1/metadata").path("data");
  }

  /** Active and pending/firing alerts, from {@code /api/v1/alerts}. */
  JsonNode alerts() {
    return getJson("/api/v1/alerts").path("data").path("alerts");
  }

  /** Every loaded rule (recording and alerting) with its health, from {@code /api/v1/rules}. */
  List<JsonNode> rules() {
    List<JsonNode> rules = new ArrayList<>();
    for (JsonNode group : getJson("/api/v1/rules").path("data").path("groups")) {
      group.path("rules").forEach(rules::add);
    }
    return rules;
  }

  /** The server's log so far, for failure messages. */
  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** Stops the server by its PID: SIGTERM, then SIGKILL if it has not exited after 10 s. */
  @Override
  public void close() {
    ProcessHandle handle = process.toHandle();
    handle.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        handle.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      handle.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private Optional<JsonNode> activeTarget() {
    JsonNode targets = getJson("/api/v1/targets?state=active").path("data").path("activeTargets");
    return targets.isEmpty() ? Optional.empty() : Optional.of(targets.get(0));
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private void await(String what, Duration timeout, Condition condition)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    Exception lastFailure = null;
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "prometheus (pid "
                + process.pid()
                + ") exited with "
                + process.exitValue()
                + " while waiting for "
                + what
                + "; log:\n"
                + log());
      }
      try {
        if (condition.holds()) {
          return;
        }
      } catch (Exception e) {
        lastFailure = e; // not listening yet, or a transient answer: poll again
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
    String target = activeTarget().map(JsonNode::toString).orElse("(no active target)");
    throw new IllegalStateException(
        "prometheus (pid "
            + process.pid()
            + ") not "
            + what
            + " within "
            + timeout
            + "; last failure: "
            + lastFailure
            + "; target: "
            + target
            + "; log:\n"
            + log());
  }

  private int getStatus(String path) throws IOException, InterruptedException {
    return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private JsonNode getJson(String pathAndQuery) {
    try {
      HttpResponse<String> response =
          http.send(request(pathAndQuery), HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + api + pathAndQuery + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + api + pathAndQuery, e);
    }
  }

  private HttpRequest request(String pathAndQuery) {
    return HttpRequest.newBuilder(api.resolve(pathAndQuery))
        .timeout(Duration.ofSeconds(10))
        .GET()
        .build();
  }

  private static String quoted(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static int freePort() throws IOException {
    // A small window remains between closing this socket and Prometheus binding the port;
    // a clash makes start() fail with the server's "address already in use" log.
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** A query Prometheus rejected or could not evaluate. */
  static final class PrometheusQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PrometheusQueryException(String expr, String error) {
      super(error + " in query: " + expr);
    }
  }
}
