package org.jfrthreads.exporter.agent;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jfrthreads.exporter.JfrThreads;

/**
 * The agent proper, reached through {@link AgentLauncher} on JDK 21+: parses the options, starts
 * watching this JVM and serves {@code /metrics}.
 *
 * <p>It never stops the application. A bad option, a taken port or JFR being disabled each give
 * one line on standard error, and the application runs on unwatched. On success it prints one
 * line, and its own log shows warnings and errors only (option {@code logLevel}). Its libraries are
 * relocated in the agent jar, so its SLF4J is not the application's and never reports a missing
 * binding.
 *
 * <p>One agent per JVM: the first that starts records itself in the system property {@value
 * #STATUS_PROPERTY}, which {@code jfr-threads attach} reads to refuse a second load, and a second
 * load (a repeated {@code -javaagent}, or an attach by other means) is refused here too.
 */
public final class JfrThreadsAgent {

  /** Set once watching, to the line that says where {@code /metrics} is served. */
  public static final String STATUS_PROPERTY = "jfrthreads.agent";

  /** Set when a load did not start watching, to the line that says why. */
  public static final String PROBLEM_PROPERTY = "jfrthreads.agent.problem";

  // The agent's log goes through the relocated slf4j-simple: in the agent jar this key is
  // relocated with it, so it configures only the agent's copy and never the application's.
  private static final String SIMPLE_LOGGER_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  private static JfrThreads running; // guarded by JfrThreadsAgent.class; kept for its lifetime

  private JfrThreadsAgent() {}

  /**
   * Starts watching. Called by {@link AgentLauncher} only; never throws.
   *
   * @param options the agent argument, may be {@code null}
   * @param atStartup {@code true} from {@code premain}, {@code false} when attached
   */
  public static synchronized void start(String options, boolean atStartup) {
    String status = System.getProperty(STATUS_PROPERTY);
    if (running != null || status != null) {
      problem("already watching this JVM, " + status + ": this second agent is not started.");
      return;
    }
    AgentOptions parsed;
    try {
      parsed = AgentOptions.parse(options);
    } catch (IllegalArgumentException e) {
      problem("not watching threads: " + e.getMessage());
      return;
    }
    if (System.getProperty(SIMPLE_LOGGER_LEVEL) == null) {
      System.setProperty(SIMPLE_LOGGER_LEVEL, parsed.logLevel());
    }
    JfrThreads threads;
    try {
      threads =
          JfrThreads.builder()
              .registry(new PrometheusRegistry())
              .eventSettings(parsed.eventSettings())
              .analyzerConfig(parsed.analyzerConfig())
              .httpHost(parsed.host())
              .httpPort(parsed.port())
              .start();
    } catch (RuntimeException | LinkageError e) {
      problem("not watching threads: " + e);
      return;
    }
    if (!threads.problems().isEmpty()) {
      threads.close();
      problem("not watching threads: " + String.join("; ", threads.problems()));
      return;
    }
    running = threads;
    status =
        "metrics on http://"
            + parsed.host()
            + ":"
            + threads.httpPort()
            + "/metrics"
            + (atStartup ? ", loaded at JVM start" : ", attached at run time");
    System.setProperty(STATUS_PROPERTY, status);
    System.clearProperty(PROBLEM_PROPERTY);
    System.err.println("jfr-threads: watching this JVM's threads, " + status);
  }

  private static void problem(String message) {
    System.setProperty(PROBLEM_PROPERTY, message);
    System.err.println("jfr-threads: " + message);
  }
}
