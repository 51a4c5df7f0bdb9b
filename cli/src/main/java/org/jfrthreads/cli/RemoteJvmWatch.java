package org.jfrthreads.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.analyzer.ThreadActivitySnapshot;
import org.jfrthreads.analyzer.ThreadEventAnalyzer;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.stream.SourceStatistics;
import org.jfrthreads.stream.ThreadEventSettings;
import org.jfrthreads.stream.ThreadEventSource;
import org.jfrthreads.stream.ThreadEventSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches another JVM over JMX and keeps watching it: when it goes away, says so, keeps the last
 * state (marked stale: {@code jfr_threads_target_up 0}, {@code jfr_threads_stream_up 0}), and
 * reconnects when it is back, retrying after 1 s, then 2, 4 and so on up to 30 s.
 *
 * <p>Each connection gets a fresh analyzer, as a restarted JVM would: its counters start again from
 * zero, which Prometheus' {@code rate()} reads as a reset. The live count starts from the target's
 * thread count at connection.
 *
 * <p>One daemon thread connects, watches (a cheap JMX call every second shows that the target is
 * still there) and reconnects. {@link #snapshot()}, {@link #statistics()}, {@link #targetUp()} and
 * {@link #targetInfo()} read volatile fields and may be called from any thread, such as a scrape.
 */
final class RemoteJvmWatch implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RemoteJvmWatch.class);

  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration LAST_RETRY = Duration.ofSeconds(30);
  private static final Duration LIVENESS_CHECK = Duration.ofSeconds(1);
  private static final SourceStatistics NOT_STARTED =
      new SourceStatistics(false, Map.of(), 0, 0, "", -1);

  /** The watched JVM, as read at the last connection. */
  record TargetInfo(long pid, String javaVersion) {}

  private record Watched(ThreadEventAnalyzer analyzer, ThreadEventSource source) {}

  private final JvmTarget target;
  private final ThreadEventSettings settings;
  private final AnalyzerConfig config;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile Watched current; // the last connection's, kept while reconnecting
  private volatile TargetInfo info;
  private volatile boolean up;
  private volatile boolean closed;

  RemoteJvmWatch(JvmTarget target, ThreadEventSettings settings, AnalyzerConfig config) {
    this.target = Objects.requireNonNull(target, "target");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.config = Objects.requireNonNull(config, "config");
    this.thread =
        Thread.ofPlatform().daemon().name("jfr-threads-target").unstarted(this::connectAndWatch);
  }

  /** Starts connecting in the background and returns. */
  void start() {
    thread.start();
  }

  String description() {
    return target.description();
  }

  boolean targetUp() {
    return up;
  }

  /** The target as last connected, or {@code null} before the first connection. */
  TargetInfo targetInfo() {
    return info;
  }

  /** The last analysis of the target, stale while it is not connected. */
  ThreadActivitySnapshot snapshot() {
    Watched watched = current;
    return watched == null ? ThreadActivitySnapshot.EMPTY : watched.analyzer().snapshot();
  }

  /** The stream's health; never running while the target is not connected. */
  SourceStatistics statistics() {
    Watched watched = current;
    if (watched == null) {
      return NOT_STARTED;
    }
    SourceStatistics statistics = watched.source().statistics();
    if (up || !statistics.running()) {
      return statistics;
    }
    return new SourceStatistics(
        false,
        statistics.eventsReceived(),
        statistics.eventsBelowThreshold(),
        statistics.errors(),
        statistics.lastError(),
        statistics.deliveryLagNanos());
  }

  private void connectAndWatch() {
    Duration retry = FIRST_RETRY;
    boolean unreachableSaid = false;
    try {
      while (!closed) {
        JMXConnector connector = null;
        ThreadEventSource source = null;
        try {
          connector = target.connect();
          MBeanServerConnection mbeans = connector.getMBeanServerConnection();
          RuntimeMXBean runtime =
              ManagementFactory.newPlatformMXBeanProxy(
                  mbeans, ManagementFactory.RUNTIME_MXBEAN_NAME, RuntimeMXBean.class);
          ThreadMXBean threads =
              ManagementFactory.newPlatformMXBeanProxy(
                  mbeans, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
          TargetInfo connected =
              new TargetInfo(
                  runtime.getPid(),
                  runtime
                      .getSystemProperties()
                      .getOrDefault("java.runtime.version", runtime.getSpecVersion()));
          ThreadEventAnalyzer analyzer = new ThreadEventAnalyzer(config);
          analyzer.assumeAlreadyLive(ThreadKind.PLATFORM, threads.getThreadCount());
          source = ThreadEventSources.remoteJvm(mbeans, target.description(), settings);
          source.start(analyzer);
          current = new Watched(analyzer, source);
          info = connected;
          up = true;
          unreachableSaid = false;
          retry = FIRST_RETRY;
          log.info(
              "jfr-threads: watching {}: process {}, Java {}",
              target.description(),
              connected.pid(),
              connected.javaVersion());
          while (!closed && !source.awaitTermination(LIVENESS_CHECK)) {
            mbeans.getMBeanCount(); // throws once the target is gone
          }
          if (!closed) {
            throw new IOException("its JFR event stream ended");
          }
        } catch (IOException | RuntimeException e) {
          if (closed) {
            break;
          }
          String reason = reason(e);
          if (up) {
            log.warn(
                "jfr-threads: lost {} ({}): serving its last state as stale"
                    + " (jfr_threads_target_up 0) and reconnecting",
                target.description(),
                reason);
          } else if (!unreachableSaid) {
            log.warn(
                "jfr-threads: cannot reach {} ({}): retrying, at most every {} s",
                target.description(),
                reason,
                LAST_RETRY.toSeconds());
            unreachableSaid = true;
          } else {
            log.debug("jfr-threads: still cannot reach {}: {}", target.description(), reason);
          }
        } finally {
          up = false;
          if (source != null) {
            source.close();
          }
          closeQuietly(connector);
        }
        if (stopped.await(retry.toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
        retry =
            retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // RMI nests the useful message ("Connection refused") a few causes deep.
  private static String reason(Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }

  private static void closeQuietly(JMXConnector connector) {
    if (connector == null) {
      return;
    }
    try {
      connector.close();
    } catch (IOException | RuntimeException e) {
      log.debug("jfr-threads: closing a JMX connection: {}", e.toString());
    }
  }

  /** Stops watching and disconnects; safe to call more than once. */
  @Override
  public void close() {
    closed = true;
    stopped.countDown();
    Watched watched = current;
    if (watched != null) {
      watched.source().close();
    }
  }
}
