package org.jfrthreads.opentelemetry;

import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.opentelemetry.sdk.resources.Resource;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jfrthreads.exporter.JfrThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches this JVM's threads and publishes the families through an OpenTelemetry {@code
 * SdkMeterProvider}.
 *
 * <pre>{@code
 * JfrThreadsMetricProducer threads = JfrThreadsMetricProducer.start(JfrThreads.builder());
 * SdkMeterProvider meters =
 *     SdkMeterProvider.builder()
 *         .registerMetricReader(PeriodicMetricReader.create(OtlpGrpcMetricExporter.getDefault()))
 *         .registerMetricProducer(threads)
 *         .build();
 * ...
 * meters.close();
 * threads.close();
 * }</pre>
 *
 * <p>What a collection gets, family by family (names as in Prometheus, without {@code _total}; an
 * OpenTelemetry-to-Prometheus conversion gives the Prometheus names back):
 *
 * <ul>
 *   <li>histograms ({@code jvm_thread_blocked_seconds}, ...): exponential histograms, scale = the
 *       native schema, the same buckets, count and sum;
 *   <li>counters ({@code jvm_thread_started}, ...): monotonic cumulative double sums;
 *   <li>gauges ({@code jvm_thread_live}, ...): double gauges;
 *   <li>the {@code _recent_} summaries: summaries with the same quantiles.
 * </ul>
 *
 * <p>Attributes carry the label names and values ({@code kind}, {@code class}, {@code virtual},
 * ...); the unit is {@code s} for seconds. All points are cumulative from {@link #start}: choose a
 * reader or exporter with cumulative temporality (OTLP's default). Thread-safe; collections never
 * wait for the event stream.
 *
 * <p>It needs the SDK: the OpenTelemetry API has no asynchronous histogram, and only an {@code
 * SdkMeterProvider} takes a producer. An application that has only the API, for example one under
 * the OpenTelemetry Java agent, has nothing to register it with and gets none of the families; if
 * no SDK has collected from the producer {@value #UNCOLLECTED_MINUTES} minutes after {@link
 * #start}, it logs one WARN saying so.
 *
 * @since 0.1.0
 */
public final class JfrThreadsMetricProducer implements MetricProducer, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JfrThreadsMetricProducer.class);

  /**
   * How long after the start a producer that no SDK collected from says so: longer than any
   * collection interval in use (a periodic reader's default is one minute).
   */
  static final int UNCOLLECTED_MINUTES = 5;

  private final PrometheusRegistry registry;
  private final JfrThreads threads;
  private final SnapshotConversion conversion;
  private final AtomicBoolean collected = new AtomicBoolean();
  private final Thread uncollectedCheck;

  private JfrThreadsMetricProducer(JfrThreads.Builder settings, PrometheusRegistry registry) {
    this.registry = registry;
    Clock clock = Clock.getDefault();
    long startEpochNanos = clock.now();
    this.threads = settings.registry(registry).start();
    this.conversion = new SnapshotConversion(startEpochNanos, clock);
    this.uncollectedCheck =
        Thread.ofVirtual()
            .name("jfr-threads-otel-check")
            .start(() -> warnIfUncollectedAfter(Duration.ofMinutes(UNCOLLECTED_MINUTES)));
  }

  /**
   * Starts watching with these settings. The producer keeps the metrics in a registry of its own,
   * so the builder's {@code registry(...)} is overridden; leave its {@code httpPort(...)} unset.
   * Never throws for a problem of the environment: see {@link #problems()}.
   *
   * @param settings a builder that is not started elsewhere, for example {@code
   *     JfrThreads.builder()}
   */
  public static JfrThreadsMetricProducer start(JfrThreads.Builder settings) {
    return start(settings, new PrometheusRegistry());
  }

  /** Package private, for testing: the Prometheus side of the same collectors. */
  static JfrThreadsMetricProducer start(JfrThreads.Builder settings, PrometheusRegistry registry) {
    return new JfrThreadsMetricProducer(
        Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(registry, "registry"));
  }

  /** Called by the SDK at each collection, from the reader's thread. */
  @Override
  public Collection<MetricData> produce(Resource resource) {
    collected.set(true);
    return conversion.convert(registry.scrape(), resource);
  }

  private void warnIfUncollectedAfter(Duration delay) {
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      return; // closed
    }
    uncollectedProblem().ifPresent(problem -> log.warn("jfr-threads: {}", problem));
  }

  /**
   * Package private, for testing: what the check logs, unless an SDK has collected from this
   * producer.
   */
  Optional<String> uncollectedProblem() {
    if (collected.get()) {
      return Optional.empty();
    }
    return Optional.of(
        "no OpenTelemetry SDK has collected the thread metrics since they started: register the"
            + " producer with SdkMeterProviderBuilder.registerMetricProducer(...). An application"
            + " with only the OpenTelemetry API (such as under the OpenTelemetry Java agent) cannot"
            + " take it; serve the metrics to Prometheus instead (JfrThreads.builder().httpPort(...)"
            + " or the jfr-threads agent).");
  }

  /** The problems met at start, each naming its fix; empty when everything runs. */
  public List<String> problems() {
    return threads.problems();
  }

  /** The facade, for its snapshot and statistics. */
  public JfrThreads threads() {
    return threads;
  }

  /** Stops watching; later collections get nothing. Safe to call more than once. */
  @Override
  public void close() {
    uncollectedCheck.interrupt();
    threads.close();
  }
}
