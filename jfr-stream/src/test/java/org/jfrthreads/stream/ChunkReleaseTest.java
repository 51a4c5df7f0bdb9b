package org.jfrthreads.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

class ChunkReleaseTest {

  private final AtomicInteger newChunks = new AtomicInteger();
  private final ChunkRelease release = new ChunkRelease(newChunks::incrementAndGet);
  private long received;
  private long nowNanos;

  /** A flush a second after the last, with {@code events} since. */
  private void flushAfter(long events) {
    flushAfter(events, 1_000_000_000L);
  }

  private void flushAfter(long events, long elapsedNanos) {
    received += events;
    nowNanos += elapsedNanos;
    release.flushed(received, nowNanos);
  }

  @Test
  void releasesOnceQuietForLongEnoughAfterABurst() {
    for (int i = 0; i < 5; i++) {
      flushAfter(10_000);
    }
    for (int i = 1; i < ChunkRelease.QUIET_SECONDS; i++) {
      flushAfter(0);
    }
    assertThat(newChunks).hasValue(0);

    flushAfter(0);
    assertThat(newChunks).hasValue(1);

    flushAfter(0);
    flushAfter(10);
    assertThat(newChunks).hasValue(1);
  }

  @Test
  void neverReleasesUnderSteadyLoad() {
    for (int i = 0; i < 100; i++) {
      flushAfter(ChunkRelease.QUIET_EVENTS);
    }
    assertThat(newChunks).hasValue(0);
  }

  @Test
  void aChunkEndingSoonAfterAFlushIsNotQuiet() {
    for (int i = 0; i < 100; i++) {
      flushAfter(2 * ChunkRelease.QUIET_EVENTS);
      flushAfter(ChunkRelease.QUIET_EVENTS / 10, 50_000_000L); // a chunk ended 50 ms later
    }
    assertThat(newChunks).hasValue(0);
  }

  @Test
  void aBusyStreamThatDeliversNothingForASecondIsNotQuiet() {
    // Seen while JFR wrote the next chunk: a flush with nothing, then two seconds' worth at once.
    for (int i = 0; i < 100; i++) {
      flushAfter(2 * ChunkRelease.QUIET_EVENTS);
      flushAfter(0);
      flushAfter(4 * ChunkRelease.QUIET_EVENTS);
    }
    assertThat(newChunks).hasValue(0);
  }

  @Test
  void aBurstResumingAtTheEndOfAQuietSpellIsNotQuiet() {
    flushAfter(ChunkRelease.BUSY_EVENTS);
    for (int i = 1; i < ChunkRelease.QUIET_SECONDS; i++) {
      flushAfter(0);
    }
    flushAfter(2 * ChunkRelease.QUIET_EVENTS, 200_000_000L);
    assertThat(newChunks).hasValue(0);
  }

  @Test
  void aTrickleReleasesOnceEveryBusyEvents() {
    long perFlush = ChunkRelease.QUIET_EVENTS - 1;
    long flushes =
        3 * (Math.ceilDiv(ChunkRelease.BUSY_EVENTS, perFlush) + ChunkRelease.QUIET_SECONDS);
    for (long i = 0; i < flushes; i++) {
      flushAfter(perFlush);
    }
    assertThat(newChunks).hasValue(3);
    assertThat(release.releases()).isEqualTo(3);
  }

  @Test
  void aFailureIsNotRepeated() {
    AtomicInteger attempts = new AtomicInteger();
    ChunkRelease failing =
        new ChunkRelease(
            () -> {
              attempts.incrementAndGet();
              throw new IllegalStateException("JFR is shutting down");
            });
    long quiet = ChunkRelease.QUIET_SECONDS * 1_000_000_000L;
    failing.flushed(ChunkRelease.BUSY_EVENTS, 0);
    failing.flushed(ChunkRelease.BUSY_EVENTS, quiet);
    failing.flushed(3 * ChunkRelease.BUSY_EVENTS, 2 * quiet);
    failing.flushed(3 * ChunkRelease.BUSY_EVENTS, 3 * quiet);

    assertThat(attempts).hasValue(1);
    assertThat(failing.releases()).isZero();
  }

  @Test
  void endsTheChunkOfARunningStreamAndLeavesNoRecordingBehind() throws Exception {
    try (RecordingStream stream = new RecordingStream()) {
      stream.startAsync();
      int before = FlightRecorder.getFlightRecorder().getRecordings().size();
      ChunkRelease real = new ChunkRelease();

      real.flushed(ChunkRelease.BUSY_EVENTS, 0);
      real.flushed(ChunkRelease.BUSY_EVENTS, ChunkRelease.QUIET_SECONDS * 1_000_000_000L);

      assertThat(real.releases()).isEqualTo(1);
      assertThat(FlightRecorder.getFlightRecorder().getRecordings())
          .hasSize(before)
          .extracting(Recording::getName)
          .doesNotContain("jfr-threads: new chunk");
    }
  }
}
