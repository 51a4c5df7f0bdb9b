package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.data.Percentage.withPercentage;
import static org.jfrthreads.analyzer.TestEvents.countAndSum;
import static org.jfrthreads.analyzer.TestEvents.histogramOf;
import static org.jfrthreads.analyzer.TestEvents.millis;
import static org.jfrthreads.analyzer.TestEvents.seconds;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationHistogramTest {

  @ParameterizedTest
  @ValueSource(doubles = {-0.1, 1.0001, 99, Double.NaN, Double.NEGATIVE_INFINITY})
  void quantileOutsideZeroToOneIsRejected(double q) {
    DurationHistogram histogram = histogramOf(millis(1));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> histogram.valueAtQuantile(q))
        .withMessage(q + ": illegal quantile. Expecting a number in [0, 1].");
  }

  @Test
  void quantilesAreWithinOnePercent() {
    long[] values = new long[1000];
    for (int i = 0; i < values.length; i++) {
      values[i] = millis(i + 1);
    }
    DurationHistogram histogram = histogramOf(values);

    assertThat(histogram.valueAtQuantile(0.5)).isCloseTo(millis(500), withPercentage(1));
    assertThat(histogram.valueAtQuantile(0.99)).isCloseTo(millis(990), withPercentage(1));
    assertThat(histogram.valueAtQuantile(1)).isCloseTo(millis(1000), withPercentage(1));
    assertThat(histogram.valueAtQuantile(0)).isCloseTo(millis(1), withPercentage(1));
    assertThat(histogram.maxNanos()).isCloseTo(millis(1000), withPercentage(1));
    assertThat(histogram.sumNanos()).isEqualTo(millis(500_500));
  }

  @Test
  void emptyHasNothingAndAnswersZero() {
    DurationHistogram empty = DurationHistogram.EMPTY;
    List<long[]> buckets = new ArrayList<>();
    empty.forEachBucket((value, count) -> buckets.add(new long[] {value, count}));

    assertThat(countAndSum(empty)).isEqualTo("count=0 sum=0");
    assertThat(empty.maxNanos()).isZero();
    assertThat(empty.valueAtQuantile(0)).isZero();
    assertThat(empty.valueAtQuantile(0.5)).isZero();
    assertThat(empty.valueAtQuantile(1)).isZero();
    assertThat(buckets).isEmpty();
    assertThat(new DurationRecorder().snapshot()).isSameAs(DurationHistogram.EMPTY);
  }

  @Test
  void plusAddsCountsSumsAndRangesWithoutTouchingEitherSide() {
    DurationHistogram small = histogramOf(millis(1), millis(2));
    DurationHistogram large = histogramOf(millis(3), seconds(86_400));

    DurationHistogram both = small.plus(large);

    assertThat(countAndSum(both)).isEqualTo("count=4 sum=" + (millis(6) + seconds(86_400)));
    assertThat(both.maxNanos()).isCloseTo(seconds(86_400), withPercentage(1));
    assertThat(both.valueAtQuantile(0.5)).isCloseTo(millis(2), withPercentage(1));
    assertThat(countAndSum(small)).isEqualTo("count=2 sum=" + millis(3));
    assertThat(small.maxNanos()).isCloseTo(millis(2), withPercentage(1));
    assertThat(countAndSum(large)).isEqualTo("count=2 sum=" + (millis(3) + seconds(86_400)));
    assertThat(countAndSum(large.plus(small))).isEqualTo(countAndSum(both));
  }

  @Test
  void plusOfEmptyIsTheOtherSide() {
    DurationHistogram histogram = histogramOf(millis(1));

    assertThat(histogram.plus(DurationHistogram.EMPTY)).isSameAs(histogram);
    assertThat(DurationHistogram.EMPTY.plus(histogram)).isSameAs(histogram);
    assertThat(DurationHistogram.EMPTY.plus(DurationHistogram.EMPTY))
        .isSameAs(DurationHistogram.EMPTY);
  }

  @Test
  void zeroDurationsAreCountedThoughTheySumToZero() {
    DurationHistogram zeros = histogramOf(0, 0, -7);

    assertThat(countAndSum(zeros)).isEqualTo("count=3 sum=0");
    assertThat(countAndSum(zeros.plus(zeros))).isEqualTo("count=6 sum=0");
    assertThat(countAndSum(DurationHistogram.EMPTY.plus(zeros))).isEqualTo("count=3 sum=0");
  }

  @Test
  void bucketCountsAddUpToTheCountInIncreasingOrder() {
    Random random = new Random(42);
    long[] values = new long[10_000];
    for (int i = 0; i < values.length; i++) {
      // Log-uniform from 1 microsecond to about 3 hours.
      values[i] = (long) Math.pow(10, 3 + random.nextDouble() * 10);
    }
    DurationHistogram histogram = histogramOf(values);
    List<long[]> buckets = new ArrayList<>();

    histogram.forEachBucket((value, count) -> buckets.add(new long[] {value, count}));

    assertThat(buckets.stream().mapToLong(b -> b[1]).sum()).isEqualTo(histogram.count());
    assertThat(buckets).allSatisfy(b -> assertThat(b[1]).isPositive());
    for (int i = 1; i < buckets.size(); i++) {
      assertThat(buckets.get(i)[0]).isGreaterThan(buckets.get(i - 1)[0]);
    }
    assertThat(buckets.get(buckets.size() - 1)[0])
        .isCloseTo(histogram.maxNanos(), withPercentage(1));
  }

  @Test
  void aRecorderSnapshotIsACopyThatLaterRecordsDoNotChange() {
    DurationRecorder recorder = new DurationRecorder();
    recorder.record(millis(1));
    DurationHistogram first = recorder.snapshot();
    DurationHistogram again = recorder.snapshot();

    recorder.record(millis(2));
    DurationHistogram second = recorder.snapshot();

    assertThat(again).isSameAs(first);
    assertThat(countAndSum(first)).isEqualTo("count=1 sum=" + millis(1));
    assertThat(countAndSum(second)).isEqualTo("count=2 sum=" + millis(3));
  }
}
