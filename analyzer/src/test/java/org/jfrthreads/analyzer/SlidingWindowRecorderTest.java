package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jfrthreads.analyzer.TestEvents.T0;
import static org.jfrthreads.analyzer.TestEvents.countAndSum;
import static org.jfrthreads.analyzer.TestEvents.millis;
import static org.jfrthreads.analyzer.TestEvents.seconds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** One minute in six slices of ten seconds, T0 on a slice boundary, unless a test says else. */
class SlidingWindowRecorderTest {

  private static final double[] QUANTILES = {0, 0.25, 0.5, 0.9, 0.99, 0.999, 1};

  private final SlidingWindowRecorder window = new SlidingWindowRecorder(Duration.ofMinutes(1), 6);

  @Test
  void aValueStaysUntilTheWindowHasPassedOverItsSlice() {
    window.advanceTo(T0);
    window.record(millis(5));

    window.advanceTo(T0 + seconds(59));
    DurationHistogram lastMoment = window.snapshot();
    window.advanceTo(T0 + seconds(60));
    DurationHistogram passed = window.snapshot();

    assertThat(countAndSum(lastMoment)).isEqualTo("count=1 sum=" + millis(5));
    assertThat(countAndSum(passed)).isEqualTo("count=0 sum=0");
  }

  @Test
  void theWindowMovesInWholeSlices() {
    window.advanceTo(T0 + seconds(9));
    window.record(millis(5)); // in the slice [T0, T0 + 10 s)

    window.advanceTo(T0 + seconds(59));
    long before = window.snapshot().count();
    window.advanceTo(T0 + seconds(60));
    long after = window.snapshot().count();

    assertThat(before).isEqualTo(1);
    assertThat(after).isZero();
  }

  @Test
  void aJumpLongerThanTheWindowEmptiesIt() {
    window.advanceTo(T0);
    window.record(millis(1));
    window.advanceTo(T0 + seconds(30));
    window.record(millis(2));

    window.advanceTo(T0 + seconds(3_600));

    assertThat(countAndSum(window.snapshot())).isEqualTo("count=0 sum=0");
  }

  @Test
  void valuesRecordedBeforeTheFirstAdvanceStayAWholeWindow() {
    for (int offset = 0; offset < 6; offset++) {
      SlidingWindowRecorder fresh = new SlidingWindowRecorder(Duration.ofMinutes(1), 6);
      long firstFlush = T0 + seconds(10L * offset + 1);
      fresh.record(millis(3));
      fresh.advanceTo(firstFlush);

      fresh.advanceTo(firstFlush + seconds(49));
      long justBefore = fresh.snapshot().count();
      fresh.advanceTo(firstFlush + seconds(59));
      long after = fresh.snapshot().count();

      assertThat(justBefore).as("first slice at offset %d", offset).isEqualTo(1);
      assertThat(after).as("first slice at offset %d", offset).isZero();
    }
  }

  @Test
  void timeNeverGoesBack() {
    window.advanceTo(T0);
    window.record(millis(1));
    window.advanceTo(T0 + seconds(30));

    window.advanceTo(T0); // back: ignored, the window stays at T0 + 30 s
    DurationHistogram afterGoingBack = window.snapshot();
    window.record(millis(2)); // belongs to the slice of T0 + 30 s
    window.advanceTo(T0 + seconds(60));
    DurationHistogram firstGone = window.snapshot();
    window.advanceTo(T0 + seconds(90));
    DurationHistogram secondGone = window.snapshot();

    assertThat(countAndSum(afterGoingBack)).isEqualTo("count=1 sum=" + millis(1));
    assertThat(countAndSum(firstGone)).isEqualTo("count=1 sum=" + millis(2));
    assertThat(countAndSum(secondGone)).isEqualTo("count=0 sum=0");
  }

  @Test
  void anEmptyWindowAnswersZero() {
    window.advanceTo(T0);
    DurationHistogram neverUsed = window.snapshot();
    window.record(millis(5));
    window.advanceTo(T0 + seconds(60));
    DurationHistogram emptiedAgain = window.snapshot();

    for (DurationHistogram empty : new DurationHistogram[] {neverUsed, emptiedAgain}) {
      assertThat(countAndSum(empty)).isEqualTo("count=0 sum=0");
      assertThat(empty.maxNanos()).isZero();
      assertThat(empty.valueAtQuantile(1)).isZero();
    }
  }

  @Test
  void aSubMicrosecondValueInASliceThatOnceHeldALargeOneHasAMax() {
    SlidingWindowRecorder oneSlice = new SlidingWindowRecorder(Duration.ofMinutes(1), 1);
    oneSlice.advanceTo(T0);
    oneSlice.record(seconds(100)); // grows the slice's histogram
    oneSlice.advanceTo(T0 + seconds(60)); // resets it, still large
    oneSlice.record(300);

    DurationHistogram snapshot = oneSlice.snapshot();

    assertThat(countAndSum(snapshot)).isEqualTo("count=1 sum=300");
    assertThat(snapshot.maxNanos()).isEqualTo(snapshot.valueAtQuantile(1)).isPositive();
  }

  @Test
  void anUnchangedWindowPublishesTheSameSnapshot() {
    window.advanceTo(T0);
    window.record(millis(1));
    DurationHistogram first = window.snapshot();

    window.advanceTo(T0 + seconds(20)); // retires only empty slices
    DurationHistogram second = window.snapshot();

    assertThat(second).isSameAs(first);
  }

  /**
   * Whatever the sequence of records and moves, the window's distribution is the one of a plain
   * histogram fed exactly the values still inside it.
   */
  @Test
  void quantilesEqualThoseOfAHistogramOfTheValuesInTheWindow() {
    for (int slices : new int[] {1, 6, 7}) {
      checkAgainstModel(new Random(31L * slices), Duration.ofSeconds(60), slices);
    }
  }

  private record Recorded(long slice, long nanos) {}

  private static void checkAgainstModel(Random random, Duration span, int sliceCount) {
    SlidingWindowRecorder window = new SlidingWindowRecorder(span, sliceCount);
    long sliceNanos = span.toNanos() / sliceCount;
    List<Recorded> recorded = new ArrayList<>();
    long now = T0 + random.nextInt(1_000_000_000);
    long currentSlice = Math.floorDiv(now, sliceNanos);
    window.advanceTo(now);
    for (int step = 0; step < 600; step++) {
      int values = random.nextInt(4);
      for (int i = 0; i < values; i++) {
        long nanos = (long) Math.pow(10, 2 + random.nextDouble() * 9); // 100 ns to 100 s
        window.record(nanos);
        recorded.add(new Recorded(currentSlice, nanos));
      }
      int move = random.nextInt(100);
      if (move < 80) {
        now += random.nextInt(3_000) * 1_000_000L; // up to 3 s, as flushes come
      } else if (move < 95) {
        now += (long) random.nextInt(30_000) * 1_000_000L; // a pause
      } else if (move < 98) {
        now -= (long) random.nextInt(20_000) * 1_000_000L; // a clock step back
      } else {
        now += 2 * span.toNanos(); // a long silence
      }
      window.advanceTo(now);
      currentSlice = Math.max(currentSlice, Math.floorDiv(now, sliceNanos));
      long oldestKept = currentSlice - sliceCount + 1;
      recorded.removeIf(r -> r.slice() < oldestKept);

      assertSameDistribution(window.snapshot(), recorded, step);
    }
  }

  private static void assertSameDistribution(
      DurationHistogram actual, List<Recorded> inWindow, int step) {
    Histogram expected = DurationHistogram.newHistogram();
    long sum = 0;
    for (Recorded r : inWindow) {
      expected.recordValue(r.nanos());
      sum += r.nanos();
    }
    assertThat(countAndSum(actual))
        .as("step %d", step)
        .isEqualTo("count=" + expected.getTotalCount() + " sum=" + sum);
    assertThat(actual.maxNanos()).as("step %d", step).isEqualTo(expected.getMaxValue());
    for (double q : QUANTILES) {
      long expectedValue =
          expected.getTotalCount() == 0 ? 0 : expected.getValueAtPercentile(q * 100);
      assertThat(actual.valueAtQuantile(q)).as("step %d, q %s", step, q).isEqualTo(expectedValue);
    }
  }
}
