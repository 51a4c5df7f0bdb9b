package org.jfrthreads.stream;

/** Why a thread was blocked, one value per JFR blocking event. */
public enum BlockingKind {
  /** {@code jdk.JavaMonitorEnter}: waiting to enter a {@code synchronized} block. */
  MONITOR_ENTER("monitor_enter", "jdk.JavaMonitorEnter"),
  /** {@code jdk.JavaMonitorWait}: in {@code Object.wait}. */
  MONITOR_WAIT("monitor_wait", "jdk.JavaMonitorWait"),
  /** {@code jdk.ThreadPark}: parked by {@code LockSupport}, as locks and queues do. */
  PARK("park", "jdk.ThreadPark"),
  /** {@code jdk.ThreadSleep}: in {@code Thread.sleep}. */
  SLEEP("sleep", "jdk.ThreadSleep");

  private final String label;
  private final String eventName;

  BlockingKind(String label, String eventName) {
    this.label = label;
    this.eventName = eventName;
  }

  /** The lower-case name used as a metric label value, for example {@code monitor_enter}. */
  public String label() {
    return label;
  }

  /** The JFR event this kind comes from, for example {@code jdk.JavaMonitorEnter}. */
  public String eventName() {
    return eventName;
  }
}
