package org.jfrthreads.exporter.internal.settings;

import java.util.Objects;

/**
 * The values a setting takes, as the user reads them in the help and the README.
 *
 * <p>A numeric range also gives its ends, {@link #lowest} and {@link #highest}, in the setting's
 * own grammar ({@code null} for an open end): a test checks that the builder takes both ends and
 * refuses what lies just outside them, so that the text cannot drift from the check.
 *
 * @param text the range in words, for example {@code 1 to 1000}
 * @param lowest the lowest value, or {@code null}
 * @param highest the highest value, or {@code null}
 */
public record Range(String text, String lowest, String highest) {

  public Range {
    Objects.requireNonNull(text, "text");
  }

  /** From {@code lowest} to {@code highest}, both included. */
  public static Range between(String lowest, String highest) {
    return new Range(lowest + " to " + highest, lowest, highest);
  }

  /** {@code lowest} or more. */
  public static Range atLeast(String lowest) {
    return new Range(lowest + " or more", lowest, null);
  }

  /** Values that are not numbers: {@code true or false}, a list of choices. */
  public static Range described(String text) {
    return new Range(text, null, null);
  }
}
