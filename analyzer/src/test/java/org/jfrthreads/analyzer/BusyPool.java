package org.jfrthreads.analyzer;

import java.util.Random;
import java.util.function.LongUnaryOperator;

/**
 * The live thread count of a busy pool, one value per second from a seeded {@link Random}: a daily
 * cycle of ±50 %, bursts of +10 % to +40 % lasting 30 to 120 s about every ten minutes (ramped up
 * over 1 to 10 s, free to overlap), noise of ±2.5 %, and deploy steps up and down.
 *
 * <p>At {@code scale} 1 the pool has 200 threads on average, swinging between 100 and 300 over the
 * day, with bursts of 20 to 80 threads and deploy steps of 80; at scale 5, five times all of it.
 * The deploys come twice a week from the second day on: a step up ramped over 5 to 60 s, and the
 * matching step down 2 to 12 hours later.
 */
final class BusyPool implements LongUnaryOperator {

  static final int DAY = 86_400;
  private static final int BURST_GAP = 600;

  private final int scale;
  private final Random random;
  private final double phase;
  private final long[] deploys; // start of the step up, start of the step down, ...
  private final long[] deployRamps;
  // Bursts in progress: start, ramp, end, height; at most a few overlap.
  private final long[][] bursts = new long[16][];
  private long nextBurst;

  BusyPool(int scale, Random random) {
    this.scale = scale;
    this.random = random;
    this.phase = random.nextDouble() * 2 * Math.PI;
    this.nextBurst = gap();
    deploys = new long[8];
    deployRamps = new long[8];
    for (int i = 0; i < 4; i++) {
      long up = DAY + i * (DAY * 7 / 4) + random.nextInt(DAY / 2);
      deploys[2 * i] = up;
      deploys[2 * i + 1] = up + 7_200 + random.nextInt(10 * 3_600);
      deployRamps[2 * i] = 5 + random.nextInt(56);
      deployRamps[2 * i + 1] = 5 + random.nextInt(56);
    }
  }

  /** Must be asked for each second in order, from 0. */
  @Override
  public long applyAsLong(long second) {
    double base = 200 + 100 * Math.sin(2 * Math.PI * second / DAY + phase);
    while (second >= nextBurst) {
      startBurst(nextBurst);
      nextBurst += gap();
    }
    double extra = 0;
    for (int i = 0; i < bursts.length; i++) {
      long[] burst = bursts[i];
      if (burst == null) {
        continue;
      }
      if (second >= burst[2]) {
        bursts[i] = null;
      } else if (second >= burst[0]) {
        extra += burst[3] * Math.min(1.0, (second - burst[0] + 1) / (double) burst[1]);
      }
    }
    for (int i = 0; i < deploys.length; i++) {
      if (second >= deploys[i]) {
        double step = 80 * Math.min(1.0, (second - deploys[i] + 1) / (double) deployRamps[i]);
        extra += i % 2 == 0 ? step : -step;
      }
    }
    long noise = random.nextInt(11) - 5;
    return Math.max(0, Math.round(scale * (base + extra + noise)));
  }

  private void startBurst(long at) {
    for (int i = 0; i < bursts.length; i++) {
      if (bursts[i] == null) {
        long ramp = 1 + random.nextInt(10);
        long length = 30 + random.nextInt(91);
        bursts[i] = new long[] {at, ramp, at + length, 20 + random.nextInt(61)};
        return;
      }
    }
  }

  // Exponential gaps: bursts arrive at random, about every ten minutes, and sometimes overlap.
  private long gap() {
    return 1 + (long) (-BURST_GAP * Math.log(1 - random.nextDouble()));
  }
}
