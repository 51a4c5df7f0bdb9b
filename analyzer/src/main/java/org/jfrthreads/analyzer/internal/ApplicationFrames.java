package org.jfrthreads.analyzer.internal;

import java.util.List;
import java.util.regex.Pattern;
import org.jfrthreads.stream.StackFrame;

/**
 * Finds the code responsible in a stack: the innermost frame outside the JDK and the libraries
 * configured as such.
 *
 * <p>A {@code jdk.ThreadStart} stack begins in {@code Thread.start} or an executor; a pinned stack
 * begins in {@code VirtualThread.park}. The frame a reader wants is the first one of their own code
 * below that: {@code com.example.OrderService.fanOut}.
 */
public final class ApplicationFrames {

  /** Label value when a stack has no application frame, or no stack was recorded. */
  public static final String UNKNOWN = "unknown";

  // Hidden classes (lambdas, proxies) carry an address that changes with every run:
  // "Service$$Lambda/0x000000080012c000" or, as JFR writes it, "Service$$Lambda.0x0000...".
  private static final Pattern HIDDEN_CLASS_ADDRESS = Pattern.compile("[./]0x[0-9a-fA-F]+$");

  private final List<String> libraryPrefixes;

  /**
   * @param libraryPrefixes class-name prefixes that are not application code
   */
  public ApplicationFrames(List<String> libraryPrefixes) {
    this.libraryPrefixes = List.copyOf(libraryPrefixes);
  }

  /** The first application frame, or {@code null}. */
  public StackFrame first(List<StackFrame> stack) {
    for (StackFrame frame : stack) {
      if (isApplication(frame.className())) {
        return frame;
      }
    }
    return null;
  }

  /** {@code Class.method} of the first application frame, or {@link #UNKNOWN}. */
  public String site(List<StackFrame> stack) {
    StackFrame frame = first(stack);
    return frame == null ? UNKNOWN : label(frame.className(), frame.methodName());
  }

  /**
   * {@code Class.method}, the form of a site in metric labels, without the run-specific address of
   * a hidden class.
   */
  public static String label(String className, String methodName) {
    return stableClassName(className) + "." + methodName;
  }

  /**
   * The class name without the run-specific address of a hidden class; the same instance if none.
   */
  public static String stableClassName(String className) {
    return className.indexOf("0x") < 0
        ? className
        : HIDDEN_CLASS_ADDRESS.matcher(className).replaceFirst("");
  }

  /** The class of the first application frame, or {@link #UNKNOWN}. */
  public String siteClass(List<StackFrame> stack) {
    StackFrame frame = first(stack);
    return frame == null ? UNKNOWN : stableClassName(frame.className());
  }

  /** Whether a class is application code: outside the JDK and the configured libraries. */
  public boolean isApplication(String className) {
    for (String prefix : libraryPrefixes) {
      if (className.startsWith(prefix)) {
        return false;
      }
    }
    return true;
  }
}
