package org.jfrthreads.analyzer;

import java.util.Objects;

/**
 * Time virtual threads spent blocked while pinned to their carrier, by reason and site.
 *
 * @param reason the pinned reason's category with class names taken out, for example {@code "VM
 *     call to <clinit> on stack"}; {@code "unknown"} before JDK 24
 * @param site {@code Class.method} of the first application frame of the pinned stack, {@code
 *     "unknown"} without one; reason and site are {@code "other"} for pairs outside the top N
 * @param durations the pinned blocking times
 */
public record PinnedSeries(String reason, String site, DurationHistogram durations) {

  public PinnedSeries {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(durations, "durations");
  }
}
