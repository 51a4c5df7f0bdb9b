package org.jfrthreads.benchmarks.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * The suites {@link ThreadLeakCheckCost} runs: classes of repeated tests (each repetition is a test
 * of its own, with its own before and after callbacks). Never run by a build: there are no tests in
 * this module.
 */
final class TrivialSuite {

  static final int TESTS_PER_CLASS = 50;

  private TrivialSuite() {}

  /** A test that makes no thread: the case every check must keep cheap. */
  static void trivial(RepetitionInfo repetition) {
    assertEquals(
        repetition.getCurrentRepetition(),
        Integer.parseInt("" + repetition.getCurrentRepetition()));
  }

  /** A test that starts a platform thread and joins it: no leak, but a thread was made. */
  static void startsAndJoins() throws InterruptedException {
    Thread thread = new Thread(() -> {}, "joined");
    thread.start();
    thread.join();
  }

  /** A test that starts a virtual thread and joins it: no leak, but the check dumps threads. */
  static void startsAndJoinsVirtual() throws InterruptedException {
    Thread.ofVirtual().start(() -> {}).join();
  }

  static class Trivial1 {
    @RepeatedTest(TESTS_PER_CLASS)
    void test(RepetitionInfo repetition) {
      trivial(repetition);
    }
  }

  static class Trivial2 extends Trivial1 {}

  static class Trivial3 extends Trivial1 {}

  static class Trivial4 extends Trivial1 {}

  static class Trivial5 extends Trivial1 {}

  static class Trivial6 extends Trivial1 {}

  static class Joins1 {
    @RepeatedTest(TESTS_PER_CLASS)
    void test() throws InterruptedException {
      startsAndJoins();
    }
  }

  static class Joins2 extends Joins1 {}

  static class Joins3 extends Joins1 {}

  static class Joins4 extends Joins1 {}

  static class Joins5 extends Joins1 {}

  static class Joins6 extends Joins1 {}

  static class Virtual1 {
    @RepeatedTest(TESTS_PER_CLASS)
    void test() throws InterruptedException {
      startsAndJoinsVirtual();
    }
  }

  static class Virtual2 extends Virtual1 {}

  static class Virtual3 extends Virtual1 {}

  static class Virtual4 extends Virtual1 {}

  static class Virtual5 extends Virtual1 {}

  static class Virtual6 extends Virtual1 {}
}
