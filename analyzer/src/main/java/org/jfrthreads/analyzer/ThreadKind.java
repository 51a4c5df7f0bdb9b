package org.jfrthreads.analyzer;

/** Platform or virtual: the first split of every thread metric. */
public enum ThreadKind {
  PLATFORM,
  VIRTUAL;

  public static ThreadKind of(boolean virtual) {
    return virtual ? VIRTUAL : PLATFORM;
  }

  /** {@code "true"} for virtual threads, {@code "false"} for platform threads. */
  public String virtualLabel() {
    return this == VIRTUAL ? "true" : "false";
  }
}
