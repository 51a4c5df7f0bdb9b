package org.jfrthreads.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Levels and hysteresis on a synthetic CPU series: one check per simulated second. */
class OverheadGovernorTest {

  private static final long SECOND = 1_000_000_000L;
  private static final int PROCESSORS = 2;

  private long tick;
  private long dispatchNanos;
  private long lagNanos;
  private final List<Integer> applied = new ArrayList<>();

  private OverheadGovernor governor(double budget) {
    return new OverheadGovernor(
        budget,
        PROCESSORS,
        () -> new SelfCpu.Totals(dispatchNanos, 0, 0),
        () -> tick,
        () -> lagNanos,
        level -> applied.add(level),
        Duration.ofSeconds(1),
        6);
  }

  /** One check after a second in which watching used {@code share} of all processors. */
  private void second(OverheadGovernor governor, double share) {
    tick += SECOND;
    dispatchNanos += (long) (share * PROCESSORS * SECOND);
    governor.check();
  }

  @Test
  void overBudgetForThreeIntervalsStepsUpOneLevel() {
    OverheadGovernor governor = governor(0.01);
    governor.check();
    second(governor, 0.05);
    second(governor, 0.05);
    assertThat(governor.state().level()).isZero();

    second(governor, 0.05);

    assertThat(governor.state().level()).isEqualTo(1);
    assertThat(governor.state().stepsUp()).isEqualTo(1);
    assertThat(governor.state().usageRatio()).isEqualTo(0.05);
    assertThat(applied).containsExactly(1);
  }

  @Test
  void aSingleSpikeShedsNothing() {
    OverheadGovernor governor = governor(0.01);
    governor.check();
    for (int i = 0; i < 20; i++) {
      second(governor, i % 10 == 5 ? 0.025 : 0.001); // a sampler pass now and then
    }

    assertThat(governor.state().level()).isZero();
    assertThat(applied).isEmpty();
  }

  @Test
  void stepsBackAfterSixQuietIntervalsAndNotBefore() {
    OverheadGovernor governor = governor(0.01);
    governor.check();
    for (int i = 0; i < 3; i++) {
      second(governor, 0.05);
    }
    for (int i = 0; i < 5; i++) {
      second(governor, 0.001);
    }
    assertThat(governor.state().level()).isEqualTo(1);

    second(governor, 0.001);

    assertThat(governor.state().level()).isZero();
    assertThat(governor.state().stepsDown()).isEqualTo(1);
    assertThat(applied).containsExactly(1, 0);
  }

  @Test
  void betweenHalfAndAllOfTheBudgetHoldsTheLevel() {
    OverheadGovernor governor = governor(0.01);
    governor.check();
    for (int i = 0; i < 3; i++) {
      second(governor, 0.05);
    }
    for (int i = 0; i < 30; i++) {
      second(governor, 0.007);
    }

    assertThat(governor.state().level()).isEqualTo(1);
  }

  @Test
  void stepsUpToTheLastLevelAndNoFurther() {
    OverheadGovernor governor = governor(0.01);
    governor.check();
    for (int i = 0; i < 30; i++) {
      second(governor, 0.5);
    }

    assertThat(governor.state().level()).isEqualTo(SheddingLevels.MAX_LEVEL);
    assertThat(applied).containsExactly(1, 2, 3, 4);
  }

  @Test
  void costComingBackSoonAfterAStepBackDoublesTheWaitBeforeTheNext() {
    OverheadGovernor governor = governor(0.01);
    governor.check();
    // Shedding makes it cheap; stepping back makes it dear again.
    for (int i = 0; i < 3; i++) {
      second(governor, 0.05);
    }
    for (int i = 0; i < 6; i++) {
      second(governor, 0.001);
    }
    for (int i = 0; i < 3; i++) {
      second(governor, 0.05);
    }
    assertThat(applied).containsExactly(1, 0, 1);

    for (int i = 0; i < 11; i++) {
      second(governor, 0.001);
    }
    assertThat(governor.state().level()).isEqualTo(1);
    second(governor, 0.001);

    assertThat(governor.state().level()).isZero();
  }

  @Test
  void whatTheStreamStillReadsFromBeforeAStepIsNotTheNewLevelsCost() {
    OverheadGovernor governor = governor(0.01);
    governor.check();
    for (int i = 0; i < 3; i++) {
      lagNanos += 3 * SECOND; // the stream falls behind at level 0
      second(governor, 0.05);
    }
    assertThat(applied).containsExactly(1);

    // working through what JFR wrote at level 0, 9 s ago and more
    for (int i = 0; i < 20; i++) {
      second(governor, 0.05);
      lagNanos += SECOND; // reading no faster than JFR had written
    }
    assertThat(governor.state().level()).isEqualTo(1);
    assertThat(governor.state().usageRatio()).isEqualTo(0.05);

    lagNanos = SECOND; // past the step: level 1's own cost from the next interval on
    for (int i = 0; i < 3; i++) {
      second(governor, 0.05);
    }
    assertThat(applied).containsExactly(1);
    second(governor, 0.05); // level 1's own cost, still over budget: three intervals of it

    assertThat(applied).containsExactly(1, 2);
  }

  @Test
  void aLagThatDoesNotChangeDoesNotEndTheBacklog() {
    OverheadGovernor governor = governor(0.01);
    governor.check();
    lagNanos = 2 * SECOND;
    for (int i = 0; i < 3; i++) {
      second(governor, 0.05);
    }
    assertThat(applied).containsExactly(1);

    // Nothing delivered while the stream reads on: the lag stays as it was before the step.
    for (int i = 0; i < 10; i++) {
      second(governor, 0.05);
    }
    assertThat(applied).containsExactly(1);

    lagNanos = SECOND / 2; // events again, written after the step
    for (int i = 0; i < 3; i++) {
      second(governor, 0.05);
    }
    assertThat(applied).containsExactly(1);
    second(governor, 0.05);

    assertThat(applied).containsExactly(1, 2);
  }

  @Test
  void theIntervalAfterAStepUpIsNotJudgedHoweverShortTheBacklog() {
    OverheadGovernor governor = governor(0.01);
    governor.check();
    for (int i = 0; i < 3; i++) {
      lagNanos += SECOND / 4;
      second(governor, 0.05);
    }
    assertThat(applied).containsExactly(1);

    lagNanos = SECOND / 2; // read past the step within the first interval, at level 0's cost
    second(governor, 0.05);
    lagNanos = SECOND / 3;
    second(governor, 0.001);
    second(governor, 0.001);
    second(governor, 0.001);

    assertThat(governor.state().level()).isEqualTo(1);
    assertThat(governor.state().stepsUp()).isEqualTo(1);
  }

  @Test
  void aBacklogCountsAtMostTwoMinutes() {
    OverheadGovernor governor = governor(0.01);
    governor.check();
    lagNanos = 3_600 * SECOND;
    for (int i = 0; i < 3; i++) {
      second(governor, 0.05);
    }
    for (int i = 0; i < OverheadGovernor.MAX_BACKLOG_SECONDS + 3; i++) {
      second(governor, 0.05);
    }

    assertThat(applied).containsExactly(1, 2);
  }

  @Test
  void aBudgetOfZeroMeasuresButNeverSheds() {
    OverheadGovernor governor = governor(0);
    governor.check();
    for (int i = 0; i < 30; i++) {
      second(governor, 0.5);
    }

    assertThat(governor.state().level()).isZero();
    assertThat(governor.state().cpu().dispatchNanos()).isEqualTo(dispatchNanos);
    assertThat(applied).isEmpty();
  }

  @Test
  void aLevelTheSourceCannotApplyIsNotTaken() {
    OverheadGovernor governor =
        new OverheadGovernor(
            0.01,
            PROCESSORS,
            () -> new SelfCpu.Totals(dispatchNanos, 0, 0),
            () -> tick,
            () -> lagNanos,
            level -> false,
            Duration.ofSeconds(1),
            6);
    governor.check();
    for (int i = 0; i < 10; i++) {
      second(governor, 0.5);
    }

    assertThat(governor.state().level()).isZero();
    assertThat(governor.state().stepsUp()).isZero();
  }
}
