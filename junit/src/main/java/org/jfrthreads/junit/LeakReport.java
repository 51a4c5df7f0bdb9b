package org.jfrthreads.junit;

import java.util.List;

/** The message of a check that found leaked threads. */
final class LeakReport {

  private LeakReport() {}

  /**
   * One message for all the threads a test leaked:
   *
   * <pre>
   * 1 thread leaked by leaksAWorker(), still alive 100 ms after it:
   * - platform thread "leaky-worker" (id 43, TIMED_WAITING)
   *     started by: com.example.CacheTest.leaksAWorker
   *     now in:     com.example.CacheTest.lambda$leaksAWorker$0(CacheTest.java:31)
   * Stop them before the test ends (close the executor, interrupt and join the thread), or ignore
   * them with @ThreadLeakCheck(ignoreNames = ..., ignoreSites = ...).
   * </pre>
   */
  static String format(String leaker, long graceMillis, List<LeakedThread> leaks) {
    StringBuilder message = new StringBuilder();
    message
        .append(leaks.size())
        .append(leaks.size() == 1 ? " thread" : " threads")
        .append(" leaked by ")
        .append(leaker)
        .append(", still alive ")
        .append(graceMillis)
        .append(" ms after it:\n");
    for (LeakedThread leak : leaks) {
      message
          .append("- ")
          .append(leak.virtual() ? "virtual" : "platform")
          .append(" thread \"")
          .append(leak.name())
          .append("\" (id ")
          .append(leak.id());
      if (!leak.state().isEmpty()) {
        message.append(", ").append(leak.state());
      }
      message.append(')');
      if (!leak.container().isEmpty()) {
        message.append(" in container ").append(leak.container());
      }
      message.append("\n    started by: ").append(leak.createdBy());
      String label = "\n    now in:     ";
      for (String frame : leak.frames()) {
        message.append(label).append(frame);
        label = "\n                ";
      }
      message.append('\n');
    }
    message.append(
        "Stop them before the test ends (close the executor, interrupt and join the thread), or"
            + " ignore them with @ThreadLeakCheck(ignoreNames = ..., ignoreSites = ...).");
    return message.toString();
  }
}
