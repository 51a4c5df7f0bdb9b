package org.jfrthreads.analyzer;

import java.util.Random;
import java.util.function.LongUnaryOperator;

/** Synthetic live-count series, one value per second, from a seeded {@link Random}. */
final class SyntheticLoad {

  private SyntheticLoad() {}

  /** {@code base} plus uniform noise in {@code [-noise, noise]}. */
  static LongUnaryOperator steady(long base, int noise, Random random) {
    return second -> base + random.nextInt(2 * noise + 1) - noise;
  }

  /**
   * Steady load with bursts: each second a burst starts with probability {@code burstChance},
   * adding 20 to {@code maxBurst} threads for 1 to {@code maxBurstSeconds} seconds, then returning
   * to the base.
   */
  static LongUnaryOperator bursty(
      long base, int noise, double burstChance, int maxBurst, int maxBurstSeconds, Random random) {
    long[] burst = {0, 0}; // height, seconds left
    return second -> {
      if (burst[1] == 0 && random.nextDouble() < burstChance) {
        burst[0] = 20 + random.nextInt(maxBurst - 19);
        burst[1] = 1 + random.nextInt(maxBurstSeconds);
      }
      long extra = 0;
      if (burst[1] > 0) {
        extra = burst[0];
        burst[1]--;
      }
      return base + extra + random.nextInt(2 * noise + 1) - noise;
    };
  }

  /**
   * {@code load} plus {@code threadsPerSecond} from {@code fromSecond} on, up to {@code
   * untilSecond}.
   */
  static LongUnaryOperator leaking(
      LongUnaryOperator load, double threadsPerSecond, long fromSecond, long untilSecond) {
    return second -> {
      long leaked = (long) (threadsPerSecond * (Math.min(second, untilSecond) - fromSecond));
      return load.applyAsLong(second) + Math.max(0, leaked);
    };
  }
}
