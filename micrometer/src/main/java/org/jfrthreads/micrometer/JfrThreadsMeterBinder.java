package org.jfrthreads.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jfrthreads.exporter.JfrThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches this JVM's threads into the client_java registry behind a Micrometer {@link
 * PrometheusMeterRegistry}.
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * JfrThreadsMeterBinder threads = new JfrThreadsMeterBinder();
 * threads.bindTo(registry);       // registry.scrape() now has jvm_thread_blocked_seconds, ...
 * ...
 * threads.close();                // stops watching, removes the families
 * }</pre>
 *
 * <p>The families are the library's own collectors, registered in {@link
 * PrometheusMeterRegistry#getPrometheusRegistry()}: the same names, labels and histograms (classic
 * and native buckets from the same data) as the library's {@code /metrics}. They are not Micrometer
 * meters, so {@code MeterFilter}s, common tags and {@code registry.getMeters()} do not see them.
 *
 * <p>Other registry types get none of them: Micrometer has no meter that takes pre-computed
 * histogram buckets, and re-recording every blocking event into a Micrometer timer would measure
 * something else at a cost of its own. A {@link CompositeMeterRegistry} is searched for a
 * Prometheus registry among its members. A registry without one gets a single WARN line, nothing
 * more.
 *
 * <p>One binder watches once: the first {@link #bindTo} that finds a Prometheus registry starts
 * watching, and later calls log and do nothing. Like {@link JfrThreads#start()}, binding never
 * throws for a problem of the environment (JFR disabled): it logs it, and {@link #problems()} lists
 * it. Thread-safe.
 *
 * @since 0.1.0
 */
public final class JfrThreadsMeterBinder implements MeterBinder, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JfrThreadsMeterBinder.class);

  private final JfrThreads.Builder settings;

  // Guarded by this.
  private JfrThreads threads;
  private boolean closed;

  /** Watches with the library's defaults. */
  public JfrThreadsMeterBinder() {
    this(JfrThreads.builder());
  }

  /**
   * Watches with these settings; the binder sets the registry and starts it, so its {@code
   * registry(...)} is overridden. Leave its {@code httpPort(...)} unset: Micrometer serves the
   * scrape, and this module brings no HTTP server.
   *
   * @param settings a builder that is not started elsewhere
   */
  public JfrThreadsMeterBinder(JfrThreads.Builder settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    if (closed) {
      log.warn("jfr-threads: this binder is closed; create a new one to watch again.");
      return;
    }
    if (threads != null) {
      log.warn(
          "jfr-threads: already watching into a Prometheus registry; not binding to {} as well.",
          registry.getClass().getName());
      return;
    }
    Optional<PrometheusMeterRegistry> prometheus = prometheusRegistryIn(registry);
    if (prometheus.isEmpty()) {
      log.warn(
          "jfr-threads: {} is not a PrometheusMeterRegistry and holds none: its thread families"
              + " are published to Prometheus registries only. Bind to a PrometheusMeterRegistry,"
              + " or use jfr-threads-opentelemetry for OTLP.",
          registry.getClass().getName());
      return;
    }
    threads = settings.registry(prometheus.get().getPrometheusRegistry()).start();
  }

  /** The registry itself, or the first Prometheus registry of a composite, depth first. */
  static Optional<PrometheusMeterRegistry> prometheusRegistryIn(MeterRegistry registry) {
    if (registry instanceof PrometheusMeterRegistry prometheus) {
      return Optional.of(prometheus);
    }
    if (registry instanceof CompositeMeterRegistry composite) {
      for (MeterRegistry member : composite.getRegistries()) {
        Optional<PrometheusMeterRegistry> found = prometheusRegistryIn(member);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** Whether watching started; {@code false} before a successful {@link #bindTo}, after close. */
  public synchronized boolean isWatching() {
    return threads != null && !closed;
  }

  /** The problems met when watching started, each naming its fix; empty when all runs. */
  public synchronized List<String> problems() {
    return threads == null ? List.of() : threads.problems();
  }

  /**
   * Stops watching and removes the families from the registry. Safe to call more than once; a
   * closed binder does not bind again.
   */
  @Override
  public synchronized void close() {
    closed = true;
    if (threads != null) {
      threads.close();
    }
  }
}
