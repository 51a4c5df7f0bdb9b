package org.jfrthreads.analyzer.sampler;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What virtual threads were doing at the last thread dump ({@code
 * HotSpotDiagnosticMXBean.dumpThreads}, JSON), taken only when enabled: see {@link
 * ThreadStateSampler.Builder#virtualThreadDump}.
 *
 * @param takenEpochNanos when the dump was taken, 0 if none was
 * @param byState virtual threads by state, every state present (0 if none)
 * @param topFrames virtual threads by top application frame and state, top N then {@code other} per
 *     state; {@code "unknown"} when their stack has no application frame
 * @param withoutState virtual threads in the dump without a state (dumps of JDKs that give none),
 *     counted nowhere else
 * @param dumps dumps taken
 * @param lastDumpNanos how long the last dump took, reading and counting included
 * @param intervalNanos the interval until the next dump, stretched when a dump costs more than its
 *     budget
 * @param skippedOverCap dumps skipped because more virtual threads were live than the cap
 * @param failures dumps that failed (logged)
 * @param byContainer live virtual threads by thread container (the executor or structured task
 *     scope that owns them, without its identity hash) at the last dump; empty if none was taken
 * @param byGroup live virtual threads by top application frame, or by container for those whose
 *     stack has no application frame, at the last dump: the groups the leak detector follows (the
 *     largest, as many as the sampler's top N); empty if none was taken
 */
public record VirtualThreadStates(
    long takenEpochNanos,
    Map<Thread.State, Long> byState,
    List<StateCount> topFrames,
    long withoutState,
    long dumps,
    long lastDumpNanos,
    long intervalNanos,
    long skippedOverCap,
    long failures,
    Map<String, Long> byContainer,
    Map<String, Long> byGroup) {

  /** No dump taken (the default: dumps are off). */
  public static final VirtualThreadStates NONE =
      new VirtualThreadStates(0, Map.of(), List.of(), 0, 0, 0, 0, 0, 0, Map.of(), Map.of());

  public VirtualThreadStates {
    Map<Thread.State, Long> states = new EnumMap<>(Thread.State.class);
    for (Thread.State state : Thread.State.values()) {
      states.put(state, 0L);
    }
    states.putAll(byState);
    byState = Map.copyOf(states);
    topFrames = List.copyOf(topFrames);
    byContainer = Map.copyOf(byContainer);
    byGroup = Map.copyOf(byGroup);
  }

  /** Virtual threads in one state. */
  public long threads(Thread.State state) {
    return byState.get(state);
  }

  /** Virtual threads of one state whose top application frame is {@code frame}, 0 if none. */
  public long topFrame(String frame, Thread.State state) {
    for (StateCount count : topFrames) {
      if (count.state() == state && count.label().equals(frame)) {
        return count.threads();
      }
    }
    return 0;
  }
}
