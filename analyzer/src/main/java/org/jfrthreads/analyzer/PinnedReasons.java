package org.jfrthreads.analyzer;

import java.util.regex.Pattern;

/**
 * Turns a {@code pinnedReason} into a bounded label: the reason's category, with class names taken
 * out.
 *
 * <p>JDK 24+ reasons look like {@code "Native or VM frame on stack"} or {@code "VM call to
 * com.example.Config.<clinit> on stack"}. The class belongs in the {@code site} label (the pinned
 * code), not in the reason, or every class would make a reason of its own.
 */
final class PinnedReasons {

  /** Label value when the JVM gives no reason (JDK 21 to 23). */
  static final String UNKNOWN = "unknown";

  // A qualified name's package and class part: "com.example.Config." or "Outer$Inner.", when a
  // member name follows, so that a sentence ending in "stack." keeps its last word.
  private static final Pattern CLASS_PREFIX =
      Pattern.compile(
          "(?:[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*[.$])+"
              + "(?=[\\p{javaJavaIdentifierStart}<])");

  private PinnedReasons() {}

  static String category(String pinnedReason) {
    if (pinnedReason.isBlank()) {
      return UNKNOWN;
    }
    return CLASS_PREFIX.matcher(pinnedReason).replaceAll("").strip();
  }
}
