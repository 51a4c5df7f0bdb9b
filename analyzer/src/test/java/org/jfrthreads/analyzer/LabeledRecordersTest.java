package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jfrthreads.analyzer.TestEvents.countAndSum;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabeledRecordersTest {

  private static List<String> describe(List<LabeledRecorders.Labeled<String>> labeled) {
    return labeled.stream().map(l -> l.label() + " " + countAndSum(l.durations())).toList();
  }

  @Test
  void theTwoLargestTotalsKeepTheirSeriesAndTheRestFoldIntoOther() {
    LabeledRecorders<String> recorders = new LabeledRecorders<>(200, "other");
    // e: many short events, yet the largest total; a: one long event.
    for (int i = 0; i < 100; i++) {
      recorders.record("e", 10_000);
    }
    recorders.record("a", 900_000);
    recorders.record("b", 20_000);
    recorders.record("b", 30_000);
    recorders.record("c", 400_000);
    recorders.record("d", 5_000);
    recorders.record("d", 6_000);
    recorders.record("d", 7_000);

    assertThat(describe(recorders.topN(2)))
        .containsExactly(
            "e count=100 sum=1000000",
            "a count=1 sum=900000",
            "other count=6 sum=" + (20_000 + 30_000 + 400_000 + 5_000 + 6_000 + 7_000));
  }

  @Test
  void noOtherWhenEveryLabelFits() {
    LabeledRecorders<String> recorders = new LabeledRecorders<>(200, "other");
    recorders.record("a", 2_000);
    recorders.record("b", 1_000);

    assertThat(describe(recorders.topN(2)))
        .containsExactly("a count=1 sum=2000", "b count=1 sum=1000");
    assertThat(recorders.topN(5)).hasSize(2);
  }

  @Test
  void nothingRecordedGivesNoSeries() {
    assertThat(new LabeledRecorders<>(10, "other").topN(3)).isEmpty();
  }

  @Test
  void labelsBeyondMaxSeriesGoToOtherAndAreCounted() {
    LabeledRecorders<String> recorders = new LabeledRecorders<>(2, "other");
    recorders.record("a", 1_000);
    recorders.record("b", 2_000);
    recorders.record("c", 3_000);
    recorders.record("d", 4_000);
    recorders.record("c", 5_000);
    recorders.record("a", 6_000); // a has a recorder: not an overflow

    assertThat(recorders.overflowed()).isEqualTo(3);
    assertThat(describe(recorders.topN(10)))
        .containsExactly("a count=2 sum=7000", "b count=1 sum=2000", "other count=3 sum=12000");
  }

  @Test
  void theOverflowAndTheFoldedLabelsShareOther() {
    LabeledRecorders<String> recorders = new LabeledRecorders<>(2, "other");
    recorders.record("a", 1_000);
    recorders.record("b", 2_000);
    recorders.record("c", 3_000);

    assertThat(describe(recorders.topN(1)))
        .containsExactly("b count=1 sum=2000", "other count=2 sum=4000");
  }

  @Test
  void thePublishedListIsReusedWhileNothingChanges() {
    LabeledRecorders<String> recorders = new LabeledRecorders<>(200, "other");
    recorders.record("a", 1_000);
    recorders.record("b", 2_000);
    recorders.record("c", 3_000);

    List<LabeledRecorders.Labeled<String>> first = recorders.topN(2);
    List<LabeledRecorders.Labeled<String>> unchanged = recorders.topN(2);
    List<LabeledRecorders.Labeled<String>> otherN = recorders.topN(1);
    recorders.record("a", 1_000);
    List<LabeledRecorders.Labeled<String>> changed = recorders.topN(1);

    assertThat(unchanged).isSameAs(first);
    assertThat(otherN).isNotSameAs(first);
    assertThat(changed).isNotSameAs(otherN);
    assertThat(describe(changed)).containsExactly("c count=1 sum=3000", "other count=3 sum=4000");
  }

  @Test
  void unchangedSeriesKeepTheirHistogramAcrossPublications() {
    LabeledRecorders<String> recorders = new LabeledRecorders<>(200, "other");
    recorders.record("a", 5_000);
    recorders.record("b", 1_000);
    DurationHistogram aBefore = recorders.topN(2).get(0).durations();

    recorders.record("b", 1_000);
    DurationHistogram aAfter = recorders.topN(2).get(0).durations();

    assertThat(aAfter).isSameAs(aBefore);
  }

  @Test
  void thePublishedListIsUnmodifiable() {
    LabeledRecorders<String> recorders = new LabeledRecorders<>(200, "other");
    recorders.record("a", 5_000);

    List<LabeledRecorders.Labeled<String>> published = recorders.topN(2);

    assertThat(published).isUnmodifiable();
  }
}
