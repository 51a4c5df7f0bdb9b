package org.jfrthreads.cli.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.jfrthreads.stream.ThreadEnded;
import org.jfrthreads.stream.ThreadStarted;
import org.junit.jupiter.api.Test;

class LiveTimelineTest {

  private static final long MS = 1_000_000L;
  private static final long T0 = 1_700_000_000_000_000_000L;

  @Test
  void countsStartsAndEndsPerBucketAndLiveAsTheirRunningDifference() {
    LiveTimeline timeline = LiveTimeline.of(8, T0, 10 * MS);
    timeline.onEvent(start(1, T0 + 1 * MS));
    timeline.onEvent(start(2, T0 + 2 * MS));
    timeline.onEvent(new ThreadStarted(3, true, T0 + 15 * MS, List.of()));
    timeline.onEvent(end(1, T0 + 25 * MS));

    Timeline result = timeline.timeline();

    assertThat(result.bucketNanos()).isEqualTo(10 * MS);
    assertThat(result.buckets())
        .extracting(Timeline.Bucket::platform)
        .containsExactly(
            new Timeline.Counts(2, 0, 2),
            new Timeline.Counts(0, 0, 2),
            new Timeline.Counts(0, 1, 1));
    assertThat(result.buckets())
        .extracting(Timeline.Bucket::virtual)
        .containsExactly(
            new Timeline.Counts(0, 0, 0),
            new Timeline.Counts(1, 0, 1),
            new Timeline.Counts(0, 0, 1));
  }

  @Test
  void eventsBeyondTheRangeWidenTheBucketsAndKeepEveryCount() {
    LiveTimeline timeline = LiveTimeline.of(8, T0, 10 * MS);
    Random random = new Random(0);
    long starts = 0;
    long ends = 0;
    for (int i = 0; i < 10_000; i++) {
      // Ten seconds of events, in no order, some before the origin: 80 ms of range to begin with.
      long at = T0 - 2_000 * MS + (long) (random.nextDouble() * 12_000 * MS);
      if (random.nextBoolean()) {
        timeline.onEvent(start(i + 1, at));
        starts++;
      } else {
        timeline.onEvent(end(i + 1, at));
        ends++;
      }
    }

    Timeline result = timeline.timeline();

    assertThat(result.buckets()).hasSizeLessThanOrEqualTo(8);
    assertThat(result.buckets().size() * result.bucketNanos())
        .isGreaterThanOrEqualTo(12_000 * MS - 10 * MS);
    assertThat(result.buckets().stream().mapToLong(b -> b.platform().started()).sum())
        .isEqualTo(starts);
    assertThat(result.buckets().stream().mapToLong(b -> b.platform().ended()).sum())
        .isEqualTo(ends);
    assertThat(result.buckets().get(result.buckets().size() - 1).platform().live())
        .isEqualTo(starts - ends);
  }

  @Test
  void aTimelineOverARecordingSpansItInRoundBucketsWithoutWidening() {
    RecordingSpan span = new RecordingSpan(T0, T0 + 3_600_000 * MS, 1, true);
    LiveTimeline timeline = LiveTimeline.over(span);
    timeline.onEvent(start(1, T0));
    timeline.onEvent(end(1, T0 + 3_600_000 * MS - 1));

    Timeline result = timeline.timeline();

    assertThat(result.bucketNanos()).isEqualTo(30_000 * MS);
    assertThat(result.buckets()).hasSize(120);
    assertThat(result.buckets().get(0).startEpochNanos()).isEqualTo(T0);
  }

  @Test
  void roundBucketWidthsFollowTheOneTwoFiveSeriesThenMinutes() {
    assertThat(LiveTimeline.roundBucketNanos(150 * MS, 200)).isEqualTo(MS);
    assertThat(LiveTimeline.roundBucketNanos(2_000 * MS, 200)).isEqualTo(10 * MS);
    assertThat(LiveTimeline.roundBucketNanos(70_000 * MS, 200)).isEqualTo(500 * MS);
    assertThat(LiveTimeline.roundBucketNanos(600_000 * MS, 200)).isEqualTo(5_000 * MS);
    assertThat(LiveTimeline.roundBucketNanos(24 * 3_600_000 * MS, 200)).isEqualTo(600_000 * MS);
  }

  private static ThreadStarted start(long id, long at) {
    return new ThreadStarted(id, false, at, List.of());
  }

  private static ThreadEnded end(long id, long at) {
    return new ThreadEnded(id, false, at);
  }
}
