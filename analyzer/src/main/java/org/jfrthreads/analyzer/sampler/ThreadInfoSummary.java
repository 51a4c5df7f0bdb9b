package org.jfrthreads.analyzer.sampler;

import java.lang.management.LockInfo;
import java.lang.management.ThreadInfo;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jfrthreads.analyzer.internal.ApplicationFrames;

/** Turns the {@link ThreadInfo}s of one pass into bounded counts. Pure: no JVM call. */
final class ThreadInfoSummary {

  /** Label for a waiting thread with no lock or blocker. */
  static final String NONE = "none";

  /** Label for a thread with no application frame in its sampled stack. */
  static final String UNKNOWN = "unknown";

  private final ApplicationFrames applicationFrames;
  private final int topN;
  private final boolean frames;

  /**
   * @param libraryPrefixes class-name prefixes that are not application code
   * @param topN labels kept per dimension before folding into other
   * @param frames whether stacks were sampled (else no frame counts are made)
   */
  ThreadInfoSummary(List<String> libraryPrefixes, int topN, boolean frames) {
    this.applicationFrames = new ApplicationFrames(libraryPrefixes);
    this.topN = topN;
    this.frames = frames;
  }

  /**
   * @param infos as returned by {@code ThreadMXBean.getThreadInfo}; {@code null} entries (threads
   *     that ended meanwhile) are skipped
   */
  ThreadStateSample summarize(
      long takenEpochNanos, ThreadInfo[] infos, VirtualSchedulerCounts virtual) {
    Map<Thread.State, Long> byState = new EnumMap<>(Thread.State.class);
    LabelStateCounts waitingOn = new LabelStateCounts();
    LabelStateCounts topFrames = new LabelStateCounts();
    for (ThreadInfo info : infos) {
      if (info == null) {
        continue;
      }
      Thread.State state = info.getThreadState();
      byState.merge(state, 1L, Long::sum);
      if (state == Thread.State.BLOCKED
          || state == Thread.State.WAITING
          || state == Thread.State.TIMED_WAITING) {
        LockInfo lock = info.getLockInfo();
        waitingOn.add(lock == null ? NONE : lock.getClassName(), state);
      }
      if (frames) {
        topFrames.add(topApplicationFrame(info.getStackTrace()), state);
      }
    }
    return new ThreadStateSample(
        takenEpochNanos,
        byState,
        waitingOn.topN(topN),
        topFrames.topN(topN),
        virtual,
        VirtualThreadStates.NONE,
        SamplerStatistics.ZERO);
  }

  private String topApplicationFrame(StackTraceElement[] stack) {
    for (StackTraceElement frame : stack) {
      if (applicationFrames.isApplication(frame.getClassName())) {
        return ApplicationFrames.label(frame.getClassName(), frame.getMethodName());
      }
    }
    return UNKNOWN;
  }
}
