package org.jfrthreads.cli.internal.report;

import java.util.List;
import java.util.Objects;
import org.jfrthreads.analyzer.ThreadKind;

/**
 * Thread starts and ends over a recording, by time bucket and thread kind.
 *
 * <p>{@code live} is the net count: threads started minus threads ended since the first bucket.
 * Threads already running when the recording began are not seen, so it is the change in live
 * threads, which equals the live count itself only for a recording that began with the JVM; it goes
 * below zero when threads older than the recording end.
 *
 * @param bucketNanos the width of every bucket
 * @param firstEpochNanos the start of the recording, or the first event if earlier
 * @param lastEpochNanos the end of the recording, or the last event if later
 * @param buckets consecutive buckets covering {@code firstEpochNanos} to {@code lastEpochNanos}
 */
record Timeline(long bucketNanos, long firstEpochNanos, long lastEpochNanos, List<Bucket> buckets) {

  public Timeline {
    buckets = List.copyOf(Objects.requireNonNull(buckets, "buckets"));
  }

  /**
   * One bucket.
   *
   * @param startEpochNanos when it begins; it lasts {@link Timeline#bucketNanos}
   */
  public record Bucket(long startEpochNanos, Counts platform, Counts virtual) {

    public Bucket {
      Objects.requireNonNull(platform, "platform");
      Objects.requireNonNull(virtual, "virtual");
    }

    public Counts of(ThreadKind kind) {
      return kind == ThreadKind.VIRTUAL ? virtual : platform;
    }
  }

  /**
   * Threads of one kind in one bucket.
   *
   * @param started starts in the bucket
   * @param ended ends in the bucket
   * @param live starts minus ends from the first bucket to the end of this one
   */
  public record Counts(long started, long ended, long live) {}
}
