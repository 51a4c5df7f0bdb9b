package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jfrthreads.analyzer.TestEvents.T0;
import static org.jfrthreads.analyzer.TestEvents.millis;
import static org.jfrthreads.analyzer.TestEvents.seconds;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.ThreadBlocked;
import org.jfrthreads.stream.ThreadPinned;
import org.jfrthreads.stream.TraceScope;
import org.junit.jupiter.api.Test;

/** The join of blocking and pinned events to traced scopes, on hand-made records. */
class ExemplarJoinTest {

  private static final String TRACE_A = "0af7651916cd43dd8448eb211c80319c";
  private static final String TRACE_B = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String LOCK = "com.example.Inventory";

  private final AtomicLong now = new AtomicLong(T0 + seconds(1));

  private ThreadEventAnalyzer analyzer(AnalyzerConfig config) {
    return new ThreadEventAnalyzer(config, now::get);
  }

  private static ThreadBlocked blocked(long threadId, long startNanos, long durationNanos) {
    return new ThreadBlocked(
        threadId,
        false,
        BlockingKind.MONITOR_ENTER,
        T0 + startNanos,
        durationNanos,
        LOCK,
        List.of());
  }

  private static TraceScope scope(long threadId, long startNanos, long endNanos, String traceId) {
    return new TraceScope(
        threadId, T0 + startNanos, endNanos - startNanos, traceId, traceId.substring(0, 16));
  }

  /** A scope of another thread: the join is active once a scope was seen. */
  private static TraceScope primer() {
    return scope(99, 0, millis(20), "ffffffffffffffffffffffffffffffff");
  }

  private static DurationHistogram inventory(ThreadEventAnalyzer analyzer) {
    analyzer.publish();
    return analyzer
        .snapshot()
        .blocked(BlockingKind.MONITOR_ENTER, org.jfrthreads.analyzer.ThreadKind.PLATFORM, LOCK);
  }

  private static ExemplarStatistics statistics(ThreadEventAnalyzer analyzer) {
    return analyzer.snapshot().statistics().exemplars();
  }

  @Test
  void withoutAnyScopeNothingIsHeldBack() {
    ThreadEventAnalyzer analyzer = analyzer(AnalyzerConfig.defaults());
    analyzer.onEvent(blocked(7, millis(10), millis(40)));

    assertThat(inventory(analyzer).count()).isEqualTo(1);
    assertThat(inventory(analyzer).exemplars()).isEmpty();
    assertThat(statistics(analyzer)).isEqualTo(ExemplarStatistics.ZERO);
  }

  @Test
  void aBlockingEventGetsTheTraceOfTheScopeThatCoveredItWhichArrivesAfterIt() {
    ThreadEventAnalyzer analyzer = analyzer(AnalyzerConfig.defaults());
    analyzer.onEvent(primer());
    analyzer.onEvent(blocked(7, millis(10), millis(40)));

    DurationHistogram beforeScope = inventory(analyzer);
    analyzer.onEvent(scope(7, 0, millis(100), TRACE_A));
    DurationHistogram afterScope = inventory(analyzer);

    assertThat(beforeScope.count()).as("counted before its scope came").isEqualTo(1);
    assertThat(beforeScope.exemplars()).isEmpty();
    assertThat(afterScope.exemplars())
        .containsExactly(
            new TraceExemplar(TRACE_A, TRACE_A.substring(0, 16), millis(40), T0 + millis(50)));
    assertThat(statistics(analyzer)).isEqualTo(new ExemplarStatistics(2, 0, 1, 0, 0));
  }

  @Test
  void nestedScopesGiveTheInnermostWhichClosesFirst() {
    ThreadEventAnalyzer analyzer = analyzer(AnalyzerConfig.defaults());
    analyzer.onEvent(primer());
    analyzer.onEvent(blocked(7, millis(10), millis(40)));
    analyzer.onEvent(scope(7, millis(5), millis(80), TRACE_B));
    analyzer.onEvent(scope(7, 0, millis(100), TRACE_A));

    assertThat(inventory(analyzer).exemplars())
        .singleElement()
        .extracting(TraceExemplar::traceId)
        .isEqualTo(TRACE_B);
  }

  @Test
  void aScopeOfAnotherThreadOrNotCoveringTheWholeBlockingGivesNothing() {
    ThreadEventAnalyzer analyzer = analyzer(AnalyzerConfig.defaults());
    analyzer.onEvent(primer());
    analyzer.onEvent(blocked(7, millis(10), millis(40)));
    analyzer.onEvent(scope(8, 0, millis(100), TRACE_A));
    analyzer.onEvent(scope(7, millis(20), millis(100), TRACE_A));
    analyzer.onEvent(scope(7, 0, millis(30), TRACE_A));

    assertThat(inventory(analyzer).exemplars()).isEmpty();
    assertThat(statistics(analyzer).held()).isEqualTo(1);

    now.set(T0 + millis(50) + AnalyzerConfig.defaults().exemplarWait().toNanos() + 1);
    assertThat(inventory(analyzer).exemplars()).isEmpty();
    assertThat(statistics(analyzer)).isEqualTo(new ExemplarStatistics(4, 0, 0, 1, 0));
  }

  @Test
  void aScopeThatClosesAfterTheWaitIsTooLate() {
    ThreadEventAnalyzer analyzer =
        analyzer(AnalyzerConfig.builder().exemplarWait(java.time.Duration.ofSeconds(2)).build());
    analyzer.onEvent(primer());
    analyzer.onEvent(blocked(7, millis(10), millis(40)));
    // a later event of another thread, 3 s on: event time moves past the wait
    analyzer.onEvent(blocked(8, seconds(3), millis(40)));
    analyzer.onEvent(scope(7, 0, seconds(4), TRACE_A));

    assertThat(inventory(analyzer).exemplars()).isEmpty();
    assertThat(statistics(analyzer).withoutScope()).isEqualTo(1);
  }

  @Test
  void withTheHeldBackBufferFullTheOldestIsDroppedWithACountAndStillCounted() {
    ThreadEventAnalyzer analyzer =
        analyzer(AnalyzerConfig.builder().maxExemplarCandidates(2).build());
    analyzer.onEvent(primer());
    analyzer.onEvent(blocked(7, millis(10), millis(2)));
    analyzer.onEvent(blocked(7, millis(20), millis(20)));
    analyzer.onEvent(blocked(7, millis(50), millis(200)));
    analyzer.onEvent(scope(7, 0, millis(300), TRACE_A));

    DurationHistogram histogram = inventory(analyzer);
    assertThat(histogram.count()).isEqualTo(3);
    assertThat(histogram.exemplars())
        .extracting(TraceExemplar::durationNanos)
        .containsExactly(millis(20), millis(200));
    assertThat(statistics(analyzer)).isEqualTo(new ExemplarStatistics(2, 0, 2, 0, 1));
  }

  @Test
  void noCandidatesAllowedKeepsNoExemplarAndCountsNothingAsDropped() {
    ThreadEventAnalyzer analyzer =
        analyzer(AnalyzerConfig.builder().maxExemplarCandidates(0).build());
    analyzer.onEvent(primer());
    analyzer.onEvent(blocked(7, millis(10), millis(40)));
    analyzer.onEvent(scope(7, 0, millis(100), TRACE_A));

    assertThat(inventory(analyzer).count()).isEqualTo(1);
    assertThat(inventory(analyzer).exemplars()).isEmpty();
    assertThat(statistics(analyzer)).isEqualTo(new ExemplarStatistics(2, 0, 0, 0, 0));
  }

  @Test
  void eachBucketKeepsItsLatestExemplar() {
    ThreadEventAnalyzer analyzer = analyzer(AnalyzerConfig.defaults());
    analyzer.onEvent(primer());
    analyzer.onEvent(blocked(7, millis(10), millis(30)));
    analyzer.onEvent(scope(7, 0, millis(100), TRACE_A));
    analyzer.onEvent(blocked(7, millis(110), millis(40)));
    analyzer.onEvent(scope(7, millis(100), millis(200), TRACE_B));
    analyzer.onEvent(blocked(7, millis(210), millis(300)));
    analyzer.onEvent(scope(7, millis(200), millis(600), TRACE_A));

    // 30 ms and 40 ms share the (25 ms, 50 ms] bucket; 300 ms is in (250 ms, 500 ms]
    assertThat(inventory(analyzer).exemplars())
        .extracting(TraceExemplar::traceId, TraceExemplar::durationNanos)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(TRACE_B, millis(40)),
            org.assertj.core.groups.Tuple.tuple(TRACE_A, millis(300)));
  }

  @Test
  void theSlowestTracedEventsAreListedSlowestFirstWithWhatTheyAreChargedTo() {
    ThreadEventAnalyzer analyzer = analyzer(AnalyzerConfig.defaults());
    analyzer.onEvent(primer());
    analyzer.onEvent(blocked(7, millis(10), millis(30)));
    analyzer.onEvent(scope(7, 0, millis(100), TRACE_A));
    analyzer.onEvent(blocked(7, millis(110), millis(80)));
    analyzer.onEvent(blocked(8, millis(110), millis(60)));
    analyzer.onEvent(scope(7, millis(100), millis(200), TRACE_B));
    analyzer.publish();

    assertThat(analyzer.slowestTraced())
        .extracting(
            t -> t.kind() + " " + t.charge() + " " + t.threadId() + " " + t.exemplar().traceId())
        .containsExactly(
            "monitor_enter " + LOCK + " 7 " + TRACE_B, "monitor_enter " + LOCK + " 7 " + TRACE_A);
  }

  @Test
  void pinnedEventsGetExemplarsToo() {
    ThreadEventAnalyzer analyzer = analyzer(AnalyzerConfig.defaults());
    analyzer.onEvent(primer());
    analyzer.onEvent(
        new ThreadPinned(
            21, T0 + millis(10), millis(40), "VM call to Config.<clinit> on stack", "", List.of()));
    analyzer.onEvent(scope(21, 0, millis(100), TRACE_A));
    analyzer.publish();

    assertThat(analyzer.snapshot().pinned())
        .singleElement()
        .satisfies(
            series ->
                assertThat(series.durations().exemplars())
                    .extracting(TraceExemplar::traceId)
                    .containsExactly(TRACE_A));
  }

  @Test
  void exemplarsOfSeriesFoldedIntoOtherAreMergedLatestPerBucket() {
    DurationHistogram a = withExemplar(new TraceExemplar(TRACE_A, "a", millis(30), T0 + 5));
    DurationHistogram b = withExemplar(new TraceExemplar(TRACE_B, "b", millis(40), T0 + 9));
    DurationHistogram c = withExemplar(new TraceExemplar(TRACE_A, "c", millis(700), T0 + 1));

    assertThat(a.plus(b).plus(c).exemplars())
        .extracting(TraceExemplar::spanId)
        .containsExactly("b", "c");
    assertThat(b.plus(a).exemplars()).extracting(TraceExemplar::spanId).containsExactly("b");
  }

  private static DurationHistogram withExemplar(TraceExemplar exemplar) {
    DurationRecorder recorder = new DurationRecorder();
    recorder.record(exemplar.durationNanos());
    recorder.exemplar(exemplar);
    return recorder.snapshot();
  }
}
