package org.jfrthreads.cli;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jfrthreads.exporter.MetricsEndpoint;
import org.jfrthreads.exporter.ThreadMetricsCollector;

/**
 * {@code jfr-threads watch}: a sidecar that streams another JVM's thread events over JMX and serves
 * that JVM's metrics from its own port.
 *
 * <pre>
 * jfr-threads watch --jmx 127.0.0.1:9010 --port 9400
 * jfr-threads watch --pid 4711 threshold.park=20ms
 * </pre>
 *
 * <p>The target needs JDK 17 or newer (21+ for virtual-thread events), and for {@code --jmx} to be
 * started with {@code -Dcom.sun.management.jmxremote.port=PORT} (no TLS or login: keep it on the
 * loopback or a private network). {@code --pid} needs no option on the target: it attaches and
 * starts the target's local management agent, which listens on the loopback only.
 */
public final class WatchCommand implements AutoCloseable {

  private final RemoteJvmWatch watch;
  private final MetricsEndpoint server;

  private WatchCommand(RemoteJvmWatch watch, MetricsEndpoint server) {
    this.watch = watch;
    this.server = server;
  }

  public static void main(String[] args) throws InterruptedException {
    // A long-running service: its log lines carry the time, not the thread and class.
    setDefault("org.slf4j.simpleLogger.showDateTime", "true");
    setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    setDefault("org.slf4j.simpleLogger.showThreadName", "false");
    setDefault("org.slf4j.simpleLogger.showLogName", "false");
    WatchOptions options;
    try {
      options = WatchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("jfr-threads watch: " + e.getMessage());
      System.exit(2);
      return;
    }
    WatchCommand command;
    try {
      command = start(options);
    } catch (UncheckedIOException e) {
      System.err.println("jfr-threads watch: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(command::close, "jfr-threads-shutdown"));
    System.err.printf(
        "jfr-threads: serving the thread metrics of %s on http://%s:%d/metrics (Ctrl-C to stop)%n",
        options.target().description(), options.settings().host(), command.httpPort());
    Thread.currentThread().join();
  }

  /**
   * Starts serving and connecting; the connection is made in the background and retried.
   *
   * @throws UncheckedIOException if the port cannot be served, naming it
   */
  static WatchCommand start(WatchOptions options) {
    RemoteJvmWatch watch =
        new RemoteJvmWatch(
            options.target(),
            options.settings().eventSettings(),
            options.settings().analyzerConfig());
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(new ThreadMetricsCollector(watch::snapshot, watch::statistics));
    registry.register(new TargetCollector(watch));
    MetricsEndpoint server;
    try {
      server =
          MetricsEndpoint.builder()
              .host(options.settings().host())
              .port(options.settings().port())
              .registry(registry)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve /metrics on "
              + options.settings().host()
              + ":"
              + options.settings().port()
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
