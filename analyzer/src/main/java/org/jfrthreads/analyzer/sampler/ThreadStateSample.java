package org.jfrthreads.analyzer.sampler;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the platform threads were doing at one pass of the {@link ThreadStateSampler}: immutable,
 * safe to share between threads.
 *
 * <p>Invariants: per state, the {@link #topFrames()} counts add up to {@link #byState()}; the
 * {@link #waitingOn()} counts add up to the BLOCKED, WAITING and TIMED_WAITING threads.
 *
 * @param takenEpochNanos when the pass began, 0 before the first
 * @param byState platform threads by state, every state present (0 if none)
 * @param waitingOn BLOCKED, WAITING and TIMED_WAITING threads by the class of the lock or blocker
 *     they wait on ({@code ThreadInfo.getLockInfo()}), {@code "none"} for those waiting on nothing
 *     (sleeping, parked without blocker); top N classes, then {@code "other"} per state
 * @param topFrames threads by their top application frame ({@code Class.method}, JDK and library
 *     frames skipped) and state; {@code "unknown"} when no application frame is within the sampled
 *     stack depth (an idle pool worker), top N frames, then {@code "other"} per state; empty when
 *     the sampler takes no stacks
 * @param virtual the virtual-thread scheduler's counts
 * @param virtualStates virtual threads by state and frame from the last thread dump, {@link
 *     VirtualThreadStates#NONE} unless dumps are enabled
 * @param statistics the sampler's cost and health after this pass
 */
public record ThreadStateSample(
    long takenEpochNanos,
    Map<Thread.State, Long> byState,
    List<StateCount> waitingOn,
    List<StateCount> topFrames,
    VirtualSchedulerCounts virtual,
    VirtualThreadStates virtualStates,
    SamplerStatistics statistics) {

  /** Before the first pass. */
  public static final ThreadStateSample EMPTY =
      new ThreadStateSample(
          0,
          zeroStates(),
          List.of(),
          List.of(),
          VirtualSchedulerCounts.UNAVAILABLE,
          VirtualThreadStates.NONE,
          SamplerStatistics.ZERO);

  public ThreadStateSample {
    Map<Thread.State, Long> states = zeroStates();
    states.putAll(byState);
    byState = Map.copyOf(states);
    waitingOn = List.copyOf(waitingOn);
    topFrames = List.copyOf(topFrames);
    Objects.requireNonNull(virtual, "virtual");
    Objects.requireNonNull(virtualStates, "virtualStates");
    Objects.requireNonNull(statistics, "statistics");
  }

  /** Threads in one state. */
  public long threads(Thread.State state) {
    return byState.get(state);
  }

  /** Threads of one state waiting on one class ({@code "other"}, {@code "none"}), 0 if none. */
  public long waitingOn(String className, Thread.State state) {
    return find(waitingOn, className, state);
  }

  /** Threads of one state whose top application frame is {@code frame}, 0 if none. */
  public long topFrame(String frame, Thread.State state) {
    return find(topFrames, frame, state);
  }

  /** A copy with other statistics. */
  ThreadStateSample withStatistics(SamplerStatistics statistics) {
    return new ThreadStateSample(
        takenEpochNanos, byState, waitingOn, topFrames, virtual, virtualStates, statistics);
  }

  /** A copy with other virtual thread states. */
  ThreadStateSample withVirtualStates(VirtualThreadStates virtualStates) {
    return new ThreadStateSample(
        takenEpochNanos, byState, waitingOn, topFrames, virtual, virtualStates, statistics);
  }

  private static long find(List<StateCount> counts, String label, Thread.State state) {
    for (StateCount count : counts) {
      if (count.state() == state && count.label().equals(label)) {
        return count.threads();
      }
    }
    return 0;
  }

  private static Map<Thread.State, Long> zeroStates() {
    Map<Thread.State, Long> states = new EnumMap<>(Thread.State.class);
    for (Thread.State state : Thread.State.values()) {
      states.put(state, 0L);
    }
    return states;
  }
}
