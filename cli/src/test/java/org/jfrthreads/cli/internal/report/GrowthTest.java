package org.jfrthreads.cli.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jfrthreads.analyzer.ThreadKind;
import org.junit.jupiter.api.Test;

class GrowthTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void threadsStartedFasterThanTheyEndAllAlongAreGrowing() {
    // 120 s, one more live thread every 2 s.
    Growth growth =
        Growth.of(timeline(120, second -> second % 2 == 0 ? 1 : 0), ThreadKind.PLATFORM);

    assertThat(growth.verdict()).isEqualTo(Growth.Verdict.GROWING);
    assertThat(growth.quarterEnds()).containsExactly(15L, 30L, 45L, 60L);
    assertThat(growth.growthPerSecond()).isEqualTo(0.5);
  }

  @Test
  void aPoolThatFillsAndStaysFullIsSteady() {
    // 40 threads start in the first 20 s, then nothing changes.
    Growth growth = Growth.of(timeline(120, second -> second < 20 ? 2 : 0), ThreadKind.PLATFORM);

    assertThat(growth.verdict()).isEqualTo(Growth.Verdict.STEADY);
    assertThat(growth.quarterEnds()).containsExactly(40L, 40L, 40L, 40L);
  }

  @Test
  void aSlowRiseOfAFewThreadsIsNotCalledGrowing() {
    Growth growth =
        Growth.of(timeline(120, second -> second % 30 == 29 ? 1 : 0), ThreadKind.PLATFORM);

    assertThat(growth.verdict()).isEqualTo(Growth.Verdict.STEADY);
  }

  @Test
  void aShortRecordingOrAKindWithoutThreadsHasNotEnoughData() {
    assertThat(Growth.of(timeline(59, second -> 1), ThreadKind.PLATFORM).verdict())
        .isEqualTo(Growth.Verdict.NOT_ENOUGH_DATA);
    assertThat(Growth.of(timeline(120, second -> 1), ThreadKind.VIRTUAL).verdict())
        .isEqualTo(Growth.Verdict.NOT_ENOUGH_DATA);
  }

  /** One-second buckets of platform threads, {@code netPerSecond} more live each second. */
  private static Timeline timeline(int seconds, java.util.function.IntUnaryOperator netPerSecond) {
    List<Timeline.Bucket> buckets = new ArrayList<>();
    long live = 0;
    for (int second = 0; second < seconds; second++) {
      long net = netPerSecond.applyAsInt(second);
      live += net;
      buckets.add(
          new Timeline.Bucket(
              second * SECOND, new Timeline.Counts(net, 0, live), new Timeline.Counts(0, 0, 0)));
    }
    return new Timeline(SECOND, 0, seconds * SECOND, buckets);
  }
}
