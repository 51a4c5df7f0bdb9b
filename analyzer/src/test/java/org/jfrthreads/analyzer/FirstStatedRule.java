package org.jfrthreads.analyzer;

import java.util.Arrays;

/**
 * The leak rule as first stated in the issue, kept only to compare against: a sample is a leak when
 * it is above the rolling median of the previous {@code window} samples plus {@code mads} median
 * absolute deviations and the series rose at each of the last {@code rising} samples.
 */
final class FirstStatedRule {

  private FirstStatedRule() {}

  /** How many times an alarm would have started (a sample alarming after one that did not). */
  static int alarms(long[] samples, int window, double mads, int rising) {
    int alarms = 0;
    boolean alarming = false;
    for (int t = window; t < samples.length; t++) {
      double[] past = new double[window];
      for (int i = 0; i < window; i++) {
        past[i] = samples[t - window + i];
      }
      double median = median(past);
      for (int i = 0; i < window; i++) {
        past[i] = Math.abs(past[i] - median);
      }
      double band = mads * median(past);
      boolean risen = true;
      for (int i = 0; i < rising; i++) {
        risen &= samples[t - i] > samples[t - i - 1];
      }
      boolean alarm = samples[t] > median + band && risen;
      if (alarm && !alarming) {
        alarms++;
      }
      alarming = alarm;
    }
    return alarms;
  }

  private static double median(double[] values) {
    Arrays.sort(values);
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }
}
