package org.jfrthreads.agent;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jfrthreads.cli.internal.agent.AgentOptions;
import org.jfrthreads.exporter.JfrThreads;
import org.jfrthreads.exporter.MetricsEndpoint;
import org.jfrthreads.stream.internal.Durations;

/**
 * The agent proper, reached through {@link AgentLauncher} on JDK 21+: parses the options, starts
 * watching this JVM and serves {@code /metrics}.
 *
 * <p>It never stops the application. A bad option, a taken port or JFR being disabled each give one
 * line on standard error, and the application runs on unwatched. On success it prints one line, and
 * its own log shows warnings and errors only (option {@code logLevel}). Its libraries are relocated
 * in the agent jar, so its SLF4J is not the application's and never reports a missing binding.
 *
 * <p>One agent per JVM: the first that starts records itself in the system property {@value
 * #STATUS_PROPERTY}, which {@code jfr-threads attach} reads to refuse a second load, and a second
 * load (a repeated {@code -javaagent}, or an attach by other means) is refused here too.
 */
public final class JfrThreadsAgent {

  /** Set once watching, to the line that says where {@code /metrics} is served. */
  public static final String STATUS_PROPERTY = "jfrthreads.agent";

  /** How {@link #STATUS_PROPERTY} ends when the agent was attached to a running JVM. */
  public static final String ATTACHED_AT_RUN_TIME = ", attached at run time";

  private static final String LOADED_AT_START = ", loaded at JVM start";

  /** How long reading and checking the options may take. */
  static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

  /** Set when a load did not start watching, to the line that says why. */
  public static final String PROBLEM_PROPERTY = "jfrthreads.agent.problem";

  /**
   * Set from the moment valid options are accepted until the start has succeeded or failed, so that
   * a library in the application (the Spring Boot starter) that starts while the agent is still
   * starting on its own thread knows it is there and backs off.
   */
  public static final String STARTING_PROPERTY = "jfrthreads.agent.starting";

  // The agent's log goes through the relocated slf4j-simple: in the agent jar these keys are
  // relocated with it, so they configure only the agent's copy and never the application's.
  private static final String SIMPLE_LOGGER = "org.slf4j.simpleLogger.";

  // Guarded by JfrThreadsAgent.class; held for the life of the JVM. Their threads are daemons.
  private static JfrThreads running;
  private static MetricsEndpoint serving;

  private JfrThreadsAgent() {}

  // Starts at JVM start run here, one at a time in load order, so that the application's main
  // does not wait for JFR and the HTTP server (about a second on two cores).
  private static final ThreadPoolExecutor starter = starter();

  /**
   * Starts watching. Called by {@link AgentLauncher} only; never throws. The options are checked at
   * once; from {@code premain} the rest happens on a daemon thread, when attached it is done before
   * returning, so that {@code jfr-threads attach} can tell where it serves.
   *
   * @param options the agent argument, may be {@code null}
   * @param atStartup {@code true} from {@code premain}, {@code false} when attached
   */
  public static void start(String options, boolean atStartup) {
    Checked checked;
    try {
      checked = checkWithin(options, CHECK_TIMEOUT);
    } catch (IllegalArgumentException e) {
      problem("not watching threads: " + e.getMessage());
      return;
    }
    System.setProperty(STARTING_PROPERTY, atStartup ? "loaded at JVM start" : "attached");
    if (atStartup) {
      starter.execute(() -> startNow(checked, true));
    } else {
      startNow(checked, false);
    }
  }

  /** The options, and the library's builder with their settings. */
  private record Checked(
      AgentOptions options, JfrThreads.Builder builder, MetricsEndpoint.Builder endpoint) {}

  // The check reads at most a small regular file; the bound is for what no check foresees (a file
  // system that hangs), so that premain returns whatever happens.
  private static Checked checkWithin(String options, Duration timeout) {
    return within(timeout, () -> check(options));
  }

  /**
   * Runs {@code task} on a daemon thread of its own and waits for it at most {@code timeout}; the
   * task is interrupted and left behind if it takes longer. Package private. For testing.
   *
   * @throws IllegalArgumentException with the task's own, or saying that it did not end in time
   */
  static <T> T within(Duration timeout, Callable<T> task) {
    FutureTask<T> future = new FutureTask<>(task);
    Thread.ofPlatform().daemon().name("jfr-threads-agent-options").start(future);
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IllegalArgumentException illegal) {
        throw illegal;
      }
      throw new IllegalArgumentException(String.valueOf(e.getCause()), e.getCause());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new IllegalArgumentException(
          "the options were not read within "
              + Durations.format(timeout)
              + " (is the configuration file on a file system that does not answer?).");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalArgumentException("interrupted while reading the options.");
    }
  }

  // The log is configured before the library's first class is loaded: slf4j-simple reads its
  // settings once, when the first logger is made.
  private static Checked check(String options) {
    AgentOptions parsed = AgentOptions.parse(options);
    configureLog(parsed.logLevel());
    return new Checked(parsed, parsed.configure(JfrThreads.builder()), parsed.endpoint());
  }

  private static synchronized void startNow(Checked checked, boolean atStartup) {
    try {
      startWatching(checked, atStartup);
    } finally {
      System.clearProperty(STARTING_PROPERTY);
    }
  }

  // Called from startNow only, so under its lock like running and serving.
  private static void startWatching(Checked checked, boolean atStartup) {
    AgentOptions parsed = checked.options();
    String status = System.getProperty(STATUS_PROPERTY);
    if (running != null || status != null) {
      problem("already watching this JVM, " + status + ": this second agent is not started.");
      return;
    }
    PrometheusRegistry registry = new PrometheusRegistry();
    JfrThreads threads;
    try {
      threads = checked.builder().registry(registry).start();
    } catch (RuntimeException | LinkageError e) {
      problem("not watching threads: " + e);
      return;
    }
    if (!threads.problems().isEmpty()) {
      // JfrThreads has logged them already, one line each.
      threads.close();
      System.setProperty(PROBLEM_PROPERTY, String.join("; ", threads.problems()));
      return;
    }
    MetricsEndpoint server;
    try {
      server = checked.endpoint().registry(registry).start();
    } catch (IOException e) {
      threads.close();
      problem(
          "not watching threads: cannot serve /metrics on "
              + parsed.host()
              + ":"
              + parsed.port()
              + " ("
              + e.getMessage()
              + "): the port is taken or not allowed; choose another in the agent options, for"
              + " example -javaagent:jfr-threads-all.jar="
              + (parsed.port() == AgentOptions.DEFAULT_PORT ? "9401" : "9400")
              + ".");
      return;
    }
    running = threads;
    serving = server;
    status =
        "metrics on "
            + AgentOptions.metricsUrl(server.scheme(), parsed.host(), server.port())
            + (atStartup ? LOADED_AT_START : ATTACHED_AT_RUN_TIME);
    System.setProperty(STATUS_PROPERTY, status);
    System.clearProperty(PROBLEM_PROPERTY);
    System.err.println("jfr-threads: watching this JVM's threads, " + status);
  }

  /** Short lines ("WARN jfr-threads: ..."), at the level asked for, unless set explicitly. */
  private static void configureLog(String level) {
    setDefault(SIMPLE_LOGGER + "defaultLogLevel", level);
    setDefault(SIMPLE_LOGGER + "showThreadName", "false");
    setDefault(SIMPLE_LOGGER + "showLogName", "false");
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  private static ThreadPoolExecutor starter() {
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            1,
            1,
            1,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> Thread.ofPlatform().daemon().name("jfr-threads-agent-start").unstarted(task));
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  private static void problem(String message) {
    System.setProperty(PROBLEM_PROPERTY, message);
    System.err.println("jfr-threads: " + message);
  }
}
