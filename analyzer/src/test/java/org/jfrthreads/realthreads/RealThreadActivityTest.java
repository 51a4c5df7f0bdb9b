package org.jfrthreads.realthreads;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.analyzer.DurationHistogram;
import org.jfrthreads.analyzer.PinnedSeries;
import org.jfrthreads.analyzer.ThreadActivitySnapshot;
import org.jfrthreads.analyzer.ThreadEventAnalyzer;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.ThreadEvent;
import org.jfrthreads.stream.ThreadEventListener;
import org.jfrthreads.stream.ThreadEventSettings;
import org.jfrthreads.stream.ThreadEventSource;
import org.jfrthreads.stream.ThreadEventSources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real threads, real JFR events: {@link KnownActivity} runs once while this JVM's live stream and a
 * recording to a file both watch; the tests check what the analyzer made of each.
 */
class RealThreadActivityTest {

  // Each blocking lasts at least this long; the histograms hold durations within 1 %.
  private static final long AT_LEAST_NANOS =
      TimeUnit.MILLISECONDS.toNanos(KnownActivity.HOLD_MILLIS) * 99 / 100;

  @TempDir static Path dir;
  private static ThreadActivitySnapshot live;
  private static ThreadActivitySnapshot replayed;
  private static KnownActivity.Spans spans;

  @BeforeAll
  static void watchKnownActivity() throws Exception {
    ThreadEventSettings settings = ThreadEventSettings.defaults();
    ThreadEventAnalyzer analyzer = new ThreadEventAnalyzer(AnalyzerConfig.defaults());
    Path file = dir.resolve("known-activity.jfr");
    try (Recording recording = new Recording();
        ThreadEventSource source = ThreadEventSources.thisJvm(settings)) {
      recording.setSettings(settings.toJfrSettings());
      recording.start();
      FirstFlush firstFlush = new FirstFlush(analyzer);
      source.start(firstFlush);
      assertThat(firstFlush.await()).as("the live stream flushed within 30 s").isTrue();

      spans = KnownActivity.all();

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
      assertThat(source.statistics().errors()).isZero();
    }
    replayed = fromFile.snapshot();
  }

  @Test
  void monitorEnterIsAttributedToTheHeldMonitorsClass() {
    DurationHistogram blocked =
        live.blocked(
            BlockingKind.MONITOR_ENTER, ThreadKind.PLATFORM, name(KnownActivity.HeldMonitor.class));

    assertThat(blocked.count()).isEqualTo(1);
    assertThat(blocked.maxNanos()).isBetween(AT_LEAST_NANOS, upTo(spans.monitorEnterNanos()));
  }

  @Test
  void parkOnAHeldReentrantLockIsAttributedToItsSynchronizer() {
    DurationHistogram parked =
        live.blocked(
            BlockingKind.PARK,
            ThreadKind.PLATFORM,
            "java.util.concurrent.locks.ReentrantLock$NonfairSync");

    assertThat(countBetween(parked, AT_LEAST_NANOS, upTo(spans.parkNanos()))).isEqualTo(1);
  }

  @Test
  void objectWaitIsAttributedToTheWaitedOnClass() {
    DurationHistogram waited =
        live.blocked(
            BlockingKind.MONITOR_WAIT, ThreadKind.PLATFORM, name(KnownActivity.WaitTarget.class));

    assertThat(waited.count()).isEqualTo(1);
    assertThat(waited.maxNanos()).isBetween(AT_LEAST_NANOS, upTo(spans.objectWaitNanos()));
  }

  @Test
  void sleepIsAttributedToTheSleepingCodesClass() {
    DurationHistogram slept =
        live.blocked(BlockingKind.SLEEP, ThreadKind.PLATFORM, name(KnownActivity.Sleeper.class));

    assertThat(slept.count()).isEqualTo(1);
    assertThat(slept.maxNanos()).isBetween(AT_LEAST_NANOS, upTo(spans.sleepNanos()));
  }

  @Test
  void classInitializerPinsAVirtualThreadAtItsSite() {
    String site = name(KnownActivity.SlowInit.class) + ".<clinit>";

    assertThat(live.pinned())
        .filteredOn(series -> series.site().equals(site))
        .singleElement()
        .satisfies(
            series -> {
              assertThat(series.durations().count()).isEqualTo(1);
              assertThat(series.durations().maxNanos())
                  .isBetween(AT_LEAST_NANOS, upTo(spans.pinnedNanos()));
              if (Runtime.version().feature() >= 24) {
                assertThat(series.reason()).isEqualTo("VM call to <clinit> on stack");
              }
            });
  }

  @Test
  void threadsOfKnownLifetimeAreMeasuredByKind() {
    for (ThreadKind kind : ThreadKind.values()) {
      assertThat(countBetween(live.lifetimes(kind), AT_LEAST_NANOS, upTo(lifetimeSpan(kind))))
          .as(kind + " lifetimes of about 150 ms")
          .isGreaterThanOrEqualTo(1);
    }
    assertThat(live.counts(ThreadKind.VIRTUAL).started()).isGreaterThanOrEqualTo(2);
    assertThat(live.counts(ThreadKind.VIRTUAL).ended()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void theRecordingFileGivesTheSameResultsAsTheLiveStream() {
    for (var known :
        new Object[][] {
          {BlockingKind.MONITOR_ENTER, name(KnownActivity.HeldMonitor.class)},
          {BlockingKind.MONITOR_WAIT, name(KnownActivity.WaitTarget.class)},
          {BlockingKind.SLEEP, name(KnownActivity.Sleeper.class)},
        }) {
      BlockingKind kind = (BlockingKind) known[0];
      String className = (String) known[1];
      DurationHistogram fromStream = live.blocked(kind, ThreadKind.PLATFORM, className);
      DurationHistogram fromFile = replayed.blocked(kind, ThreadKind.PLATFORM, className);
      assertThat(fromFile.count())
          .as(kind + " " + className)
          .isEqualTo(fromStream.count())
          .isPositive();
      assertThat(fromFile.sumNanos()).as(kind + " " + className).isEqualTo(fromStream.sumNanos());
    }
    String site = name(KnownActivity.SlowInit.class) + ".<clinit>";
    assertThat(replayed.pinned())
        .filteredOn(series -> series.site().equals(site))
        .extracting(PinnedSeries::reason, series -> series.durations().sumNanos())
        .containsExactlyElementsOf(
            live.pinned().stream()
                .filter(series -> series.site().equals(site))
                .map(
                    series ->
                        org.assertj.core.groups.Tuple.tuple(
                            series.reason(), series.durations().sumNanos()))
                .toList());
    for (ThreadKind kind : ThreadKind.values()) {
      assertThat(countBetween(replayed.lifetimes(kind), AT_LEAST_NANOS, upTo(lifetimeSpan(kind))))
          .as(kind + " lifetimes from the file")
          .isGreaterThanOrEqualTo(1);
    }
  }

  /** A span measured around a blocking, plus the 1 % of the histogram it is compared in. */
  private static long upTo(long spanNanos) {
    return spanNanos + spanNanos / 100;
  }

  private static long lifetimeSpan(ThreadKind kind) {
    return kind == ThreadKind.VIRTUAL
        ? spans.virtualLifetimeNanos()
        : spans.platformLifetimeNanos();
  }

  private static long countBetween(DurationHistogram durations, long lowNanos, long highNanos) {
    long[] count = {0};
    durations.forEachBucket(
        (valueNanos, n) -> {
          if (valueNanos >= lowNanos && valueNanos <= highNanos) {
            count[0] += n;
          }
        });
    return count[0];
  }

  private static String name(Class<?> type) {
    return type.getName();
  }

  /** Passes events on, and tells when the stream has flushed once: it is then recording. */
  private static final class FirstFlush implements ThreadEventListener {
    private final ThreadEventListener delegate;
    private final CountDownLatch flushed = new CountDownLatch(1);

    FirstFlush(ThreadEventListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void onEvent(ThreadEvent event) {
      delegate.onEvent(event);
    }

    @Override
    public void onFlush() {
      delegate.onFlush();
      flushed.countDown();
    }

    boolean await() throws InterruptedException {
      return flushed.await(30, TimeUnit.SECONDS);
    }
  }
}
