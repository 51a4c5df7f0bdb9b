package org.jfrthreads.realthreads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jfrthreads.testing.Contention.contendedLock;
import static org.jfrthreads.testing.Contention.contendedMonitor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import jdk.jfr.Recording;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.analyzer.DurationHistogram;
import org.jfrthreads.analyzer.ThreadActivitySnapshot;
import org.jfrthreads.analyzer.ThreadEventAnalyzer;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.analyzer.TraceExemplar;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.ThreadEventSettings;
import org.jfrthreads.stream.ThreadEventSource;
import org.jfrthreads.stream.ThreadEventSources;
import org.jfrthreads.testing.TracedScopes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real threads block inside traced scopes committed as JFR events, as a scope wrapper does; the
 * analyzer of the live stream and of a recording of it names each blocking by its scope's trace.
 */
class TracedBlockingTest {

  static final String PRIMER = "ffffffffffffffffffffffffffffffff";
  static final String MONITOR = "0af7651916cd43dd8448eb211c80319c";
  static final String LOCK = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String PINNED = "5b8efff798038103d269b633813fc60c";
  static final String OUTER = "1111111111111111111111111111111a";
  static final String INNER = "2222222222222222222222222222222b";
  static final long HOLD_MILLIS = 120;

  static final class TracedMonitor {}

  static final class NestedMonitor {}

  static final class UntracedMonitor {}

  /** Initializing it pins a virtual thread while it sleeps. */
  static final class SlowInit {
    static {
      sleep(HOLD_MILLIS);
    }

    static void touch() {}
  }

  @TempDir static Path dir;
  private static ThreadActivitySnapshot live;
  private static ThreadActivitySnapshot replayed;

  @BeforeAll
  static void blockInsideScopes() throws Exception {
    ThreadEventSettings settings = ThreadEventSettings.defaults();
    ThreadEventAnalyzer analyzer = new ThreadEventAnalyzer(AnalyzerConfig.defaults());
    Path file = dir.resolve("traced.jfr");
    try (Recording recording = new Recording();
        ThreadEventSource source = ThreadEventSources.thisJvm(settings)) {
      recording.setSettings(settings.toJfrSettings());
      recording.start();
      source.start(analyzer);
      // The analyzer holds nothing back until it has seen a scope.
      Thread.ofPlatform().start(() -> traced(PRIMER, () -> sleep(20))).join();
      assertThat(awaitScopeSeen(analyzer)).as("the first scope reached the analyzer").isTrue();

      contendedMonitor(new TracedMonitor(), HOLD_MILLIS, body -> traced(MONITOR, body));
      contendedLock(HOLD_MILLIS, body -> traced(LOCK, body));
      Thread.ofVirtual().start(() -> traced(PINNED, SlowInit::touch)).join();
      contendedMonitor(
          new NestedMonitor(), HOLD_MILLIS, body -> traced(OUTER, () -> traced(INNER, body)));
      contendedMonitor(new UntracedMonitor(), HOLD_MILLIS, Runnable::run);

      source.close();
      assertThat(source.awaitTermination(Duration.ofSeconds(30))).isTrue();
      recording.stop();
      recording.dump(file);
    }
    live = analyzer.snapshot();

    ThreadEventAnalyzer fromFile = ThreadEventAnalyzer.forRecording(AnalyzerConfig.defaults());
    try (ThreadEventSource source = ThreadEventSources.recordingFile(file, settings)) {
      source.start(fromFile);
      assertThat(source.awaitTermination(Duration.ofSeconds(30))).isTrue();
    }
    replayed = fromFile.snapshot();
  }

  @Test
  void aContendedMonitorGetsItsScopesTrace() {
    for (ThreadActivitySnapshot snapshot : List.of(live, replayed)) {
      DurationHistogram blocked = monitor(snapshot, TracedMonitor.class);
      assertThat(blocked.count()).isEqualTo(1);
      assertThat(blocked.exemplars())
          .singleElement()
          .satisfies(
              exemplar -> {
                assertThat(exemplar.traceId()).isEqualTo(MONITOR);
                assertThat(exemplar.spanId()).isEqualTo(MONITOR.substring(16));
                assertThat(exemplar.durationNanos()).isEqualTo(blocked.sumNanos());
              });
    }
  }

  @Test
  void aParkedReentrantLockOnAPlatformThreadGetsItsScopesTrace() {
    for (ThreadActivitySnapshot snapshot : List.of(live, replayed)) {
      assertThat(
              snapshot
                  .blocked(
                      BlockingKind.PARK,
                      ThreadKind.PLATFORM,
                      ReentrantLock.class.getName() + "$NonfairSync")
                  .exemplars())
          .extracting(TraceExemplar::traceId)
          .containsExactly(LOCK);
    }
  }

  @Test
  void aPinnedVirtualThreadGetsItsScopesTrace() {

    for (ThreadActivitySnapshot snapshot : List.of(live, replayed)) {
      assertThat(snapshot.pinned())
          .flatExtracting(series -> series.durations().exemplars())
          .extracting(exemplar -> ((TraceExemplar) exemplar).traceId())
          .containsExactly(PINNED);
    }
  }

  @Test
  void nestedScopesGiveTheInnermost() {
    for (ThreadActivitySnapshot snapshot : List.of(live, replayed)) {
      assertThat(monitor(snapshot, NestedMonitor.class).exemplars())
          .extracting(TraceExemplar::traceId)
          .containsExactly(INNER);
    }
  }

  @Test
  void blockingOutsideAnyScopeGetsNoExemplarButIsCounted() {
    for (ThreadActivitySnapshot snapshot : List.of(live, replayed)) {
      DurationHistogram untraced = monitor(snapshot, UntracedMonitor.class);
      assertThat(untraced.count()).isEqualTo(1);
      assertThat(untraced.exemplars()).isEmpty();
    }
  }

  private static DurationHistogram monitor(ThreadActivitySnapshot snapshot, Class<?> monitor) {
    return snapshot.blocked(BlockingKind.MONITOR_ENTER, ThreadKind.PLATFORM, monitor.getName());
  }

  /** Runs {@code body} inside a traced scope, committed when it closes. */
  static void traced(String traceId, Runnable body) {
    TracedScopes.traced(traceId, traceId.substring(16), body);
  }

  private static boolean awaitScopeSeen(ThreadEventAnalyzer analyzer) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (analyzer.snapshot().statistics().exemplars().scopes() == 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
