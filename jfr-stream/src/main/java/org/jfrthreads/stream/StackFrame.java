package org.jfrthreads.stream;

import java.util.Objects;

/**
 * One frame of a recorded stack.
 *
 * @param className the declaring class, binary name with dots ({@code com.example.Outer$Inner})
 * @param methodName the method name ({@code <init>} for constructors)
 */
public record StackFrame(String className, String methodName) {

  public StackFrame {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(methodName, "methodName");
  }

  /** {@code className.methodName}, the form used in metric labels. */
  @Override
  public String toString() {
    return className + "." + methodName;
  }
}
