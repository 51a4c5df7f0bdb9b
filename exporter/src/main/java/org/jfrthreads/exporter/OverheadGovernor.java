package org.jfrthreads.exporter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the library's own CPU use under a budget by shedding load in steps ({@link SheddingLevels})
 * and stepping back once it is cheap again.
 *
 * <p>Every check interval (default 5 s) it reads the CPU time of the library's threads ({@link
 * SelfCpu}) and divides what they used by the wall time times the available processors. It steps up
 * one level when the use over the last {@value #OVER_WINDOW} intervals at the current level was
 * over budget, so a single spike (a state-sampler pass, a dump) does not shed anything. It steps
 * back one level when the last {@code quietChecks} intervals at the current level (default 6: 30 s)
 * used less than half the budget together; together, because the dispatch thread works in bursts,
 * once per JFR flush. What was shed costs nothing, so the use after a step up says little about the
 * use after a step back: when the cost comes back soon after a step back, the wait before the next
 * step back doubles (up to 64 times), and it is reset after a long quiet time at level 0.
 *
 * <p>After a step up, the stream still reads what JFR wrote before it: under churn, tens of seconds
 * of thread constants. That work is the previous level's cost, so the new level is judged only once
 * the stream's delivery lag is shorter than the time since the step (it reads what was written
 * after it), or {@value #MAX_BACKLOG_SECONDS} s after the step at the latest, in case no event
 * comes to tell; judging it earlier would shed blocking events for nothing. A lag that has not
 * changed since the last check tells nothing (no event was delivered: the shed ones are skipped
 * unread), so it does not end the backlog.
 *
 * <p>Each step is one log line (up: WARN, down: INFO). With a budget of 0 the governor only
 * measures.
 *
 * <p>Threading: checks run on one daemon thread, {@code jfr-threads-governor}; {@link #state()} is
 * a volatile read from any thread. {@link #check()} is package private for tests, which call it
 * instead of starting the schedule; calls must not overlap.
 */
final class OverheadGovernor implements AutoCloseable {

  /** What the governor knows at its last check; immutable. */
  record State(
      int level,
      double budget,
      double usageRatio,
      SelfCpu.Totals cpu,
      long stepsUp,
      long stepsDown) {
    static State initial(double budget) {
      return new State(0, budget, 0, SelfCpu.Totals.ZERO, 0, 0);
    }
  }

  static final int OVER_WINDOW = 3;
  static final int MAX_BACKLOG_SECONDS = 120;
  private static final long MAX_BACKLOG_NANOS = MAX_BACKLOG_SECONDS * 1_000_000_000L;
  private static final double QUIET_FRACTION = 0.5;
  private static final int MAX_BACKOFF = 64;
  private static final Logger log = LoggerFactory.getLogger(OverheadGovernor.class);

  private final double budget;
  private final int processors;
  private final Supplier<SelfCpu.Totals> cpu;
  private final LongSupplier nanoTicker;
  private final LongSupplier lagNanos;
  private final IntPredicate applyLevel;
  private final Duration checkInterval;
  private final int quietChecks;
  // Check thread only.
  private final ArrayDeque<long[]> intervalsAtLevel = new ArrayDeque<>(); // {cpuNanos, wallNanos}
  private SelfCpu.Totals lastCpu;
  private long lastTick;
  private long steppedUpAt; // tick of the last step up
  private boolean readingBacklog; // since the last step up, until the stream reads past it
  private boolean backlogSeen; // the last check found the stream reading from before the step
  private long lastLagNanos = Long.MIN_VALUE; // as read at the last check
  private int level;
  private int quietNeeded;
  private long checksSinceStepDown = Long.MAX_VALUE;
  private long checksAtLevelZero;
  private long stepsUp;
  private long stepsDown;
  private volatile State state;
  private ScheduledExecutorService executor;

  /**
   * @param budget the share of all available processors the library may use, 0 to measure only
   * @param lagNanos the stream's delivery lag: how long ago what it reads now was written
   * @param applyLevel applies a level; {@code false} if it could not (the source stopped)
   */
  OverheadGovernor(
      double budget,
      int processors,
      Supplier<SelfCpu.Totals> cpu,
      LongSupplier nanoTicker,
      LongSupplier lagNanos,
      IntPredicate applyLevel,
      Duration checkInterval,
      int quietChecks) {
    this.budget = budget;
    this.processors = processors;
    this.cpu = Objects.requireNonNull(cpu, "cpu");
    this.nanoTicker = Objects.requireNonNull(nanoTicker, "nanoTicker");
    this.lagNanos = Objects.requireNonNull(lagNanos, "lagNanos");
    this.applyLevel = Objects.requireNonNull(applyLevel, "applyLevel");
    this.checkInterval = Objects.requireNonNull(checkInterval, "checkInterval");
    this.quietChecks = quietChecks;
    this.quietNeeded = quietChecks;
    this.state = State.initial(budget);
  }

  /** Checks every interval on a daemon thread of its own, from now on. */
  synchronized void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable ->
                Thread.ofPlatform().daemon().name("jfr-threads-governor").unstarted(runnable));
    long nanos = checkInterval.toNanos();
    executor.scheduleAtFixedRate(this::checkSafely, 0, nanos, TimeUnit.NANOSECONDS);
  }

  State state() {
    return state;
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  // An exception would end the schedule: log it and carry on at the next check.
  private void checkSafely() {
    try {
      check();
    } catch (RuntimeException e) {
      log.warn("jfr-threads: the overhead governor's check failed: {}", e.toString());
    }
  }

  /** Measures the interval since the last check and steps up or back if due. */
  void check() {
    SelfCpu.Totals now = cpu.get();
    long tick = nanoTicker.getAsLong();
    if (lastCpu == null) {
      lastCpu = now;
      lastTick = tick;
      state = new State(level, budget, 0, now, stepsUp, stepsDown);
      return;
    }
    long cpuNanos = Math.max(0, now.totalNanos() - lastCpu.totalNanos());
    long wallNanos = Math.max(1, tick - lastTick);
    lastCpu = now;
    lastTick = tick;
    double usage = ratio(cpuNanos, wallNanos);
    if (checksSinceStepDown != Long.MAX_VALUE) {
      checksSinceStepDown++;
    }
    long lag = lagNanos.getAsLong();
    boolean lagUpdated = lag != lastLagNanos;
    lastLagNanos = lag;
    if (readingBacklog) {
      // What was written at the previous level is not this level's cost: an interval in which the
      // stream read some of it is not judged.
      long sinceStep = tick - steppedUpAt;
      readingBacklog = (lag >= sinceStep || !lagUpdated) && sinceStep < MAX_BACKLOG_NANOS;
      boolean readSome = backlogSeen;
      backlogSeen = readingBacklog;
      if (readingBacklog || readSome) {
        state = new State(level, budget, usage, now, stepsUp, stepsDown);
        return;
      }
    }
    intervalsAtLevel.addLast(new long[] {cpuNanos, wallNanos});
    if (intervalsAtLevel.size() > Math.max(OVER_WINDOW, quietNeeded)) {
      intervalsAtLevel.removeFirst();
    }
    if (budget > 0) {
      decide(usage, tick);
    }
    state = new State(level, budget, usage, now, stepsUp, stepsDown);
  }

  private void decide(double usage, long tick) {
    checksAtLevelZero = level == 0 ? checksAtLevelZero + 1 : 0;
    if (checksAtLevelZero > (long) quietChecks * MAX_BACKOFF) {
      quietNeeded = quietChecks;
    }
    double overWindow = usageOfLast(OVER_WINDOW);
    if (overWindow > budget) {
      if (level < SheddingLevels.MAX_LEVEL) {
        step(level + 1, overWindow, tick);
      }
      return;
    }
    double quiet = usageOfLast(quietNeeded);
    if (level > 0 && quiet >= 0 && quiet < budget * QUIET_FRACTION) {
      step(level - 1, quiet, tick);
    }
  }

  // Use over the last n intervals at this level; -1 until there are that many.
  private double usageOfLast(int n) {
    if (intervalsAtLevel.size() < n) {
      return -1;
    }
    long cpuNanos = 0;
    long wallNanos = 0;
    var newestFirst = intervalsAtLevel.descendingIterator();
    for (int i = 0; i < n; i++) {
      long[] interval = newestFirst.next();
      cpuNanos += interval[0];
      wallNanos += interval[1];
    }
    return ratio(cpuNanos, wallNanos);
  }

  private void step(int to, double usage, long tick) {
    boolean up = to > level;
    if (!applyLevel.test(to)) {
      return;
    }
    // Only after a step up: what was written before a step back cost less than what comes now.
    readingBacklog = up && lastLagNanos > 0; // a stream that lags by nothing has no backlog
    backlogSeen = readingBacklog; // the interval after a step up holds some of it, however short
    steppedUpAt = tick;
    if (up && checksSinceStepDown <= (long) OVER_WINDOW * 4) {
      // The cost came back soon after stepping back: wait longer before the next try.
      quietNeeded = Math.min(quietNeeded * 2, quietChecks * MAX_BACKOFF);
    }
    level = to;
    intervalsAtLevel.clear();
    if (up) {
      stepsUp++;
      log.warn(
          "jfr-threads: watching used {} of the CPU, over its budget of {}: level {} of {}, {}.{}",
          percent(usage),
          percent(budget),
          to,
          SheddingLevels.MAX_LEVEL,
          SheddingLevels.describe(to),
          to == 1
              ? " Virtual-thread starts, ends and live count are unknown until it steps back"
                  + " (jfr_threads_virtual_lifecycle_shed)."
              : "");
    } else {
      stepsDown++;
      checksSinceStepDown = 0;
      log.info(
          "jfr-threads: watching used {} of the CPU, under its budget of {}: back to level {} of"
              + " {}, {}.{}",
          percent(usage),
          percent(budget),
          to,
          SheddingLevels.MAX_LEVEL,
          SheddingLevels.describe(to),
          to == 0 ? " The virtual-thread live count counts threads created from now on." : "");
    }
  }

  private double ratio(long cpuNanos, long wallNanos) {
    return cpuNanos / ((double) wallNanos * processors);
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.2f %%", ratio * 100);
  }
}
