package org.jfrthreads.opentelemetry.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.analyzer.ExemplarStatistics;
import org.jfrthreads.exporter.JfrThreads;
import org.jfrthreads.testing.Contention;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path with real pieces: spans of a real OpenTelemetry SDK made current through {@link
 * TraceScopeEvents}, real threads blocking inside them, and the library watching this JVM; the
 * OpenMetrics text of its registry carries each span's trace and span ids as the exemplar of the
 * blocking it was open around.
 *
 * <p>The default thresholds serve: each wait here lasts {@value #HOLD_MILLIS} ms, above the 10 ms
 * of the blocking events, and scopes are recorded from 1 ms, the pinned threshold. Synchronized no
 * longer pins a virtual thread from JDK 24 on, so the pinned wait is a sleep in a class
 * initializer, which still does.
 */
// Scopes are opened for what they do to the context, not to be referenced in the block.
@SuppressWarnings("try")
class TracedExemplarsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final long HOLD_MILLIS = 120;
  private static final String BLOCKED = "jvm_thread_blocked_seconds";
  private static final String PINNED = "jvm_thread_pinned_seconds";
  private static final String LOCK_SERIES =
      "class=\"" + ReentrantLock.class.getName() + "$NonfairSync\",kind=\"park\",virtual=\"false\"";
  private static final String PINNED_SERIES = "<clinit>";
  private static final Pattern EXEMPLAR =
      Pattern.compile(" # \\{span_id=\"([0-9a-f]+)\",trace_id=\"([0-9a-f]+)\"}");

  private static SdkTracerProvider tracerProvider;
  private static Tracer tracer;
  private static SpanContext monitorSpan;
  private static SpanContext lockSpan;
  private static SpanContext pinnedSpan;
  private static String scrape;

  /** The monitors, one series each. */
  static final class TracedMonitor {}

  static final class UntracedMonitor {}

  static final class CrowdedMonitor {}

  /** Initializing it pins the virtual thread that does, while it sleeps. */
  static final class SlowInit {
    static {
      sleep(HOLD_MILLIS);
    }

    static void touch() {}
  }

  record Exemplar(String traceId, String spanId) {
    static Exemplar of(SpanContext span) {
      return new Exemplar(span.getTraceId(), span.getSpanId());
    }
  }

  @BeforeAll
  static void blockInsideSpans() throws Exception {
    assertThat(TraceScopeEvents.install()).isTrue();
    tracerProvider = RecordedSpans.tracerProvider();
    tracer = tracerProvider.get("test");

    PrometheusRegistry registry = new PrometheusRegistry();
    try (JfrThreads threads =
        JfrThreads.builder().registry(registry).stateSampling(false).start()) {
      assertThat(threads.problems()).isEmpty();
      primeWithAScope(threads);

      monitorSpan = onPlatformThread("monitor", () -> blockOnMonitor(new TracedMonitor()));
      lockSpan = onPlatformThread("lock", TracedExemplarsTest::parkOnLock);
      pinnedSpan = inSpan("pinned", SlowInit::touch, Thread.ofVirtual());
      Thread.ofPlatform().start(() -> blockOnMonitor(new UntracedMonitor())).join();

      scrape =
          awaitScrape(
              registry,
              text ->
                  !exemplars(text, BLOCKED, series(TracedMonitor.class)).isEmpty()
                      && !exemplars(text, BLOCKED, LOCK_SERIES).isEmpty()
                      && !exemplars(text, PINNED, PINNED_SERIES).isEmpty()
                      && count(text, BLOCKED, series(UntracedMonitor.class)) == 1);
    }
  }

  @AfterAll
  static void stopTracing() {
    if (tracerProvider != null) {
      tracerProvider.close();
    }
  }

  @Test
  void aContendedMonitorInASpanHasThatSpansIds() {
    assertThat(count(scrape, BLOCKED, series(TracedMonitor.class))).isEqualTo(1);
    assertThat(exemplars(scrape, BLOCKED, series(TracedMonitor.class)))
        .containsOnly(Exemplar.of(monitorSpan));
  }

  @Test
  void aParkedReentrantLockInASpanHasThatSpansIds() {
    assertThat(count(scrape, BLOCKED, LOCK_SERIES)).isGreaterThanOrEqualTo(1);
    assertThat(exemplars(scrape, BLOCKED, LOCK_SERIES)).containsOnly(Exemplar.of(lockSpan));
  }

  @Test
  void aPinnedVirtualThreadInASpanHasThatSpansIds() {
    assertThat(count(scrape, PINNED, PINNED_SERIES)).isGreaterThanOrEqualTo(1);
    assertThat(exemplars(scrape, PINNED, PINNED_SERIES)).containsOnly(Exemplar.of(pinnedSpan));
  }

  @Test
  void blockingOutsideAnySpanIsCountedWithoutExemplar() {
    assertThat(count(scrape, BLOCKED, series(UntracedMonitor.class))).isEqualTo(1);
    assertThat(exemplars(scrape, BLOCKED, series(UntracedMonitor.class))).isEmpty();
  }

  @Test
  void theThreeSpansAreDistinct() {
    assertThat(List.of(monitorSpan.getTraceId(), lockSpan.getTraceId(), pinnedSpan.getTraceId()))
        .doesNotHaveDuplicates();
  }

  @Test
  void pastTheHeldBackBoundEventsAreDroppedAndStillCounted() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    try (JfrThreads threads =
        JfrThreads.builder()
            .registry(registry)
            .stateSampling(false)
            .analyzerConfig(AnalyzerConfig.builder().maxExemplarCandidates(1).build())
            .start()) {
      assertThat(threads.problems()).isEmpty();
      primeWithAScope(threads);
      ExemplarStatistics before = threads.snapshot().statistics().exemplars();

      // One span, three waits: while the first waits for the scope to close, the next find the
      // one place taken (by it, or by an untraced wait of another thread of this JVM).
      CrowdedMonitor monitor = new CrowdedMonitor();
      SpanContext span =
          onPlatformThread(
              "crowded",
              () -> {
                for (int i = 0; i < 3; i++) {
                  blockOnMonitor(monitor);
                }
              });
      awaitScope(threads, before.scopes() + 1);
      String text =
          awaitScrape(registry, now -> count(now, BLOCKED, series(CrowdedMonitor.class)) == 3);
      ExemplarStatistics after = threads.snapshot().statistics().exemplars();

      assertThat(count(text, BLOCKED, series(CrowdedMonitor.class))).isEqualTo(3);
      // Only traced waits are matched, and only the crowded span's were traced meanwhile: at
      // most one of its three found a place; the others were dropped.
      assertThat(after.matched() - before.matched()).isLessThanOrEqualTo(1);
      assertThat(droppedCandidates(text) - before.dropped()).isGreaterThanOrEqualTo(2);
      assertThat(exemplars(text, BLOCKED, series(CrowdedMonitor.class)))
          .hasSizeLessThanOrEqualTo(1)
          .allSatisfy(exemplar -> assertThat(exemplar).isEqualTo(Exemplar.of(span)));
    }
  }

  /** Nothing is held back for exemplars until the analyzer has seen a traced scope. */
  private static void primeWithAScope(JfrThreads threads) throws InterruptedException {
    onPlatformThread("primer", () -> sleep(20));
    awaitScope(threads, 1);
  }

  private static void awaitScope(JfrThreads threads, long scopes) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (threads.snapshot().statistics().exemplars().scopes() < scopes) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "fewer than " + scopes + " traced scopes reached the analyzer within " + TIMEOUT);
      }
      Thread.sleep(50);
    }
  }

  private static SpanContext onPlatformThread(String name, Runnable body)
      throws InterruptedException {
    return inSpan(name, body, Thread.ofPlatform());
  }

  /** Runs {@code body} on a new thread with a new span current, and returns the span's ids. */
  private static SpanContext inSpan(String name, Runnable body, Thread.Builder thread)
      throws InterruptedException {
    Span span = tracer.spanBuilder(name).startSpan();
    thread
        .start(
            () -> {
              try (Scope scope = span.makeCurrent()) {
                body.run();
              }
            })
        .join();
    span.end();
    assertThat(span.getSpanContext().isValid()).isTrue();
    return span.getSpanContext();
  }

  /** The calling thread waits to enter {@code monitor}, held by another until it is blocked. */
  private static void blockOnMonitor(Object monitor) {
    Contention.blockOnMonitor(monitor, HOLD_MILLIS, Runnable::run);
  }

  /** The calling thread parks on a {@link ReentrantLock} held by another until it waits. */
  private static void parkOnLock() {
    Contention.parkOnLock(HOLD_MILLIS, Runnable::run);
  }

  private static String awaitScrape(PrometheusRegistry registry, Predicate<String> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    String text = scrape(registry);
    while (!done.test(text) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      text = scrape(registry);
    }
    // Past the deadline the assertions on the last scrape say what is missing.
    return text;
  }

  private static String scrape(PrometheusRegistry registry) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      OpenMetricsTextFormatWriter.create().write(out, registry.scrape(), EscapingScheme.ALLOW_UTF8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String series(Class<?> monitor) {
    return "class=\"" + monitor.getName() + "\",kind=\"monitor_enter\",virtual=\"false\"";
  }

  /** The exemplars on the buckets of {@code histogram} whose labels contain {@code labels}. */
  private static List<Exemplar> exemplars(String text, String histogram, String labels) {
    return text.lines()
        .filter(line -> line.startsWith(histogram + "_bucket{") && line.contains(labels))
        .map(EXEMPLAR::matcher)
        .filter(Matcher::find)
        .map(found -> new Exemplar(found.group(2), found.group(1)))
        .toList();
  }

  /**
   * The sum of the counts of the series of {@code histogram} whose labels contain {@code labels}.
   */
  private static long count(String text, String histogram, String labels) {
    return text.lines()
        .filter(line -> line.startsWith(histogram + "_count{") && line.contains(labels))
        .mapToLong(line -> Long.parseLong(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static long droppedCandidates(String text) {
    String prefix = "jfr_threads_exemplar_candidates_total{outcome=\"dropped\"} ";
    return text.lines()
        .filter(line -> line.startsWith(prefix))
        .mapToLong(line -> (long) Double.parseDouble(line.substring(prefix.length())))
        .findFirst()
        .orElse(-1);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
