package org.jfrthreads.analyzer;

import java.util.List;
import org.jfrthreads.stream.StackFrame;

/**
 * Finds the code responsible in a stack: the innermost frame outside the JDK and the libraries
 * configured as such.
 *
 * <p>A {@code jdk.ThreadStart} stack begins in {@code Thread.start} or an executor; a pinned stack
 * begins in {@code VirtualThread.park}. The frame a reader wants is the first one of their own
 * code below that: {@code com.example.OrderService.fanOut}.
 */
final class ApplicationFrames {

  /** Label value when a stack has no application frame, or no stack was recorded. */
  static final String UNKNOWN = "unknown";

  private final List<String> libraryPrefixes;

  /** @param libraryPrefixes class-name prefixes that are not application code */
  ApplicationFrames(List<String> libraryPrefixes) {
    this.libraryPrefixes = List.copyOf(libraryPrefixes);
  }

  /** The first application frame, or {@code null}. */
  StackFrame first(List<StackFrame> stack) {
    for (StackFrame frame : stack) {
      if (isApplication(frame.className())) {
        return frame;
      }
    }
    return null;
  }

  /** {@code Class.method} of the first application frame, or {@link #UNKNOWN}. */
  String site(List<StackFrame> stack) {
    StackFrame frame = first(stack);
    return frame == null ? UNKNOWN : frame.toString();
  }

  /** The class of the first application frame, or {@link #UNKNOWN}. */
  String siteClass(List<StackFrame> stack) {
    StackFrame frame = first(stack);
    return frame == null ? UNKNOWN : frame.className();
  }

  boolean isApplication(String className) {
    for (String prefix : libraryPrefixes) {
      if (className.startsWith(prefix)) {
        return false;
      }
    }
    return true;
  }
}
