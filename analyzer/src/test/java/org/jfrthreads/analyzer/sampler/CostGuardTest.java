package org.jfrthreads.analyzer.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CostGuardTest {

  private static final long S = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  @Test
  void passWithinBudgetKeepsTheConfiguredInterval() {
    CostGuard guard = new CostGuard(15 * S, 900 * S, 0.01);

    assertThat(guard.passed(150 * MS)).isEqualTo(15 * S);
    assertThat(guard.stretched()).isZero();
  }

  @Test
  void costlyPassStretchesTheIntervalSoThatItCostsTheBudget() {
    CostGuard guard = new CostGuard(15 * S, 900 * S, 0.01);

    assertThat(guard.passed(450 * MS)).isEqualTo(45 * S);
    assertThat(guard.lastPassNanos()).isEqualTo(450 * MS);
    assertThat(guard.stretched()).isEqualTo(1);
  }

  @Test
  void stretchingStopsAtTheMaximumInterval() {
    CostGuard guard = new CostGuard(15 * S, 60 * S, 0.01);

    assertThat(guard.passed(5 * S)).isEqualTo(60 * S);
    assertThat(guard.intervalNanos()).isEqualTo(60 * S);
  }

  @Test
  void cheapPassAfterACostlyOneReturnsToTheConfiguredInterval() {
    CostGuard guard = new CostGuard(15 * S, 900 * S, 0.01);
    guard.passed(1 * S);

    assertThat(guard.passed(10 * MS)).isEqualTo(15 * S);
    assertThat(guard.stretched()).isEqualTo(1);
  }
}
