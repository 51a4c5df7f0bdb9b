package org.jfrthreads.cli;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import org.jfrthreads.cli.internal.agent.AgentOptions;
import org.jfrthreads.exporter.MetricsEndpoint;
import org.jfrthreads.exporter.ThreadMetricsCollector;

/**
 * {@code jfr-threads watch}: a sidecar that streams another JVM's thread events over JMX and serves
 * that JVM's metrics from its own port.
 *
 * <pre>
 * jfr-threads watch --jmx 127.0.0.1:9010 --port 9400
 * jfr-threads watch --pid 4711 threshold.park=20ms
 * jfr-threads watch --pid 4711 httpUser=prometheus httpPasswordFile=/etc/jfr-threads/password
 * </pre>
 *
 * <p>The target needs JDK 17 or newer (21+ for virtual-thread events), and for {@code --jmx} to be
 * started with {@code -Dcom.sun.management.jmxremote.port=PORT} (no TLS or login: keep it on the
 * loopback or a private network). {@code --pid} needs no option on the target: it attaches and
 * starts the target's local management agent, which listens on the loopback only.
 */
final class WatchCommand implements AutoCloseable {

  private final RemoteJvmWatch watch;
  private final MetricsEndpoint server;

  private WatchCommand(RemoteJvmWatch watch, MetricsEndpoint server) {
    this.watch = watch;
    this.server = server;
  }

  /** Serves until the JVM is stopped; returns 1 at once if the port cannot be served. */
  static int run(WatchOptions options, PrintStream err) throws InterruptedException {
    // A long-running service: its log lines carry the time, not the thread and class.
    setDefault("org.slf4j.simpleLogger.showDateTime", "true");
    setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    setDefault("org.slf4j.simpleLogger.showThreadName", "false");
    setDefault("org.slf4j.simpleLogger.showLogName", "false");
    WatchCommand command;
    try {
      command = start(options);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      err.println("jfr-threads watch: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(command::close, "jfr-threads-shutdown"));
    err.printf(
        "jfr-threads: serving the thread metrics of %s on %s (Ctrl-C to stop)%n",
        options.target().description(),
        AgentOptions.metricsUrl(command.server.scheme(), options.host(), command.httpPort()));
    Thread.currentThread().join();
    return 0;
  }

  /**
   * Starts serving and connecting; the connection is made in the background and retried.
   *
   * @throws UncheckedIOException if the port cannot be served, naming it
   * @throws IllegalArgumentException if a password or key store file cannot serve any more
   */
  static WatchCommand start(WatchOptions options) {
    RemoteJvmWatch watch =
        new RemoteJvmWatch(options.target(), options.eventSettings(), options.analyzerConfig());
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(new ThreadMetricsCollector(watch::snapshot, watch::statistics));
    registry.register(new TargetCollector(watch));
    MetricsEndpoint server;
    try {
      server = options.endpoint().registry(registry).start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve /metrics on "
              + options.host()
              + ":"
              + options.port()
              + " ("
              + e.getMessage()
              + "): the port is taken or not allowed; choose another with --port.",
          e);
    }
    watch.start();
    return new WatchCommand(watch, server);
  }

  /** The port {@code /metrics} is served on. */
  int httpPort() {
    return server.port();
  }

  RemoteJvmWatch watch() {
    return watch;
  }

  @Override
  public void close() {
    watch.close();
    server.close();
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
