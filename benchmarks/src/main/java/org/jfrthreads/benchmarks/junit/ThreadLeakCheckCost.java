package org.jfrthreads.benchmarks.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * What the thread leak check of jfr-threads-junit adds to a test run: three suites of 300 tests run
 * through the JUnit Platform launcher in this JVM, without the extension and with it registered for
 * every test through auto-detection (default settings: method scope, 2 s grace, never used since
 * nothing leaks).
 *
 * <ul>
 *   <li>{@code trivial}: tests that make no thread, the common case: the check costs one unstarted
 *       {@code Thread}.
 *   <li>{@code joins}: each test starts a platform thread and joins it: no leak, but a thread was
 *       made, so the check walks the live platform threads.
 *   <li>{@code virtual}: each test starts a virtual thread and joins it: the check cannot rule out
 *       a live virtual thread without a JSON thread dump, and takes one.
 * </ul>
 *
 * <p>The first run with the extension starts its JFR stream, a one-off per JVM, and is reported
 * apart. Then runs alternate, without and with, in both orders, so that a neighbour's build on a
 * shared machine hits both sides alike; the report gives the median and the range of the per-round
 * differences, per test.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.jfrthreads.benchmarks.junit.ThreadLeakCheckCost [rounds]
 * </pre>
 */
public final class ThreadLeakCheckCost {

  private static final int WARMUP_RUNS = 10;
  private static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

  private final Launcher launcher = LauncherFactory.create();

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    new ThreadLeakCheckCost().run(rounds);
  }

  private void run(int rounds) {
    Class<?>[] trivial = {
      TrivialSuite.Trivial1.class,
      TrivialSuite.Trivial2.class,
      TrivialSuite.Trivial3.class,
      TrivialSuite.Trivial4.class,
      TrivialSuite.Trivial5.class,
      TrivialSuite.Trivial6.class
    };
    Class<?>[] joins = {
      TrivialSuite.Joins1.class,
      TrivialSuite.Joins2.class,
      TrivialSuite.Joins3.class,
      TrivialSuite.Joins4.class,
      TrivialSuite.Joins5.class,
      TrivialSuite.Joins6.class
    };
    Class<?>[] virtual = {
      TrivialSuite.Virtual1.class,
      TrivialSuite.Virtual2.class,
      TrivialSuite.Virtual3.class,
      TrivialSuite.Virtual4.class,
      TrivialSuite.Virtual5.class,
      TrivialSuite.Virtual6.class
    };
    // Warm JUnit and the JIT without the extension, pay the one-off, then warm both sides.
    for (int i = 0; i < WARMUP_RUNS; i++) {
      timeMillis(trivial, false);
      timeMillis(joins, false);
      timeMillis(virtual, false);
    }
    double firstWith = timeMillis(trivial, true);
    double secondWith = timeMillis(trivial, true);
    double withoutAfter = timeMillis(trivial, false);
    System.out.printf(
        Locale.ROOT,
        "first run with the extension (starts JFR): %.1f ms; the next: %.1f ms; then without:"
            + " %.1f ms%n",
        firstWith,
        secondWith,
        withoutAfter);
    for (int i = 0; i < WARMUP_RUNS; i++) {
      timeMillis(trivial, i % 2 == 0);
      timeMillis(joins, i % 2 == 1);
      timeMillis(virtual, i % 2 == 0);
    }
    report("trivial", trivial, rounds);
    report("joins", joins, rounds);
    report("virtual", virtual, rounds);
  }

  private void report(String suite, Class<?>[] classes, int rounds) {
    int tests = classes.length * TrivialSuite.TESTS_PER_CLASS;
    List<Double> without = new ArrayList<>();
    List<Double> with = new ArrayList<>();
    double[] differencePerTest = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      double off;
      double on;
      if (round % 2 == 0) {
        off = timeMillis(classes, false);
        on = timeMillis(classes, true);
      } else {
        on = timeMillis(classes, true);
        off = timeMillis(classes, false);
      }
      without.add(off);
      with.add(on);
      differencePerTest[round] = (on - off) / tests;
    }
    Arrays.sort(differencePerTest);
    System.out.printf(
        Locale.ROOT,
        "%s, %d tests, %d rounds: without %s ms, with %s ms; added per test: median %.3f ms,"
            + " range %.3f to %.3f ms%n",
        suite,
        tests,
        rounds,
        summary(without),
        summary(with),
        median(differencePerTest),
        differencePerTest[0],
        differencePerTest[rounds - 1]);
  }

  private double timeMillis(Class<?>[] classes, boolean withExtension) {
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
    for (Class<?> type : classes) {
      request.selectors(selectClass(type));
    }
    LauncherDiscoveryRequest built =
        request.configurationParameter(AUTODETECTION, Boolean.toString(withExtension)).build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    long start = System.nanoTime();
    launcher.execute(built, listener);
    double millis = (System.nanoTime() - start) / 1e6;
    TestExecutionSummary summary = listener.getSummary();
    long expected = (long) classes.length * TrivialSuite.TESTS_PER_CLASS;
    if (summary.getTestsSucceededCount() != expected || summary.getTotalFailureCount() != 0) {
      throw new IllegalStateException(
          summary.getTestsSucceededCount()
              + " of "
              + expected
              + " tests succeeded, "
              + summary.getTotalFailureCount()
              + " failures: the suite must pass for its time to mean anything.");
    }
    return millis;
  }

  private static String summary(List<Double> millis) {
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return String.format(
        Locale.ROOT,
        "median %.1f (%.1f to %.1f)",
        median(sorted),
        sorted[0],
        sorted[sorted.length - 1]);
  }

  private static double median(double[] sorted) {
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
