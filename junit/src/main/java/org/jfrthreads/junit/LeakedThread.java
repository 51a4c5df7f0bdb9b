package org.jfrthreads.junit;

import java.util.List;

/**
 * A thread still alive after a test and its grace period.
 *
 * @param id its {@code threadId()}
 * @param virtual whether it is a virtual thread
 * @param name its name, {@code ""} if it has none
 * @param state its state, {@code ""} if unknown (virtual threads on JDK 21)
 * @param createdBy where it was started: {@code Class.method} of the first application frame of the
 *     {@code start()} call, or a sentence saying why that is unknown
 * @param container the thread container of a virtual thread, {@code ""} for a platform thread
 * @param frames where it is now: its innermost application frames, or its innermost frames when it
 *     runs no application code; {@code StackTraceElement} form without the module
 */
record LeakedThread(
    long id,
    boolean virtual,
    String name,
    String state,
    String createdBy,
    String container,
    List<String> frames) {

  LeakedThread {
    frames = List.copyOf(frames);
  }
}
