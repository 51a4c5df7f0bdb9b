package org.jfrthreads.stream;

import jdk.jfr.Recording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes JFR's stream parser let go of the threads of a burst once the burst is over.
 *
 * <p>Why: the parser keeps the constant pools of the chunk it reads and of the one before, one
 * {@code RecordedThread} (with its boxed ids) for every thread that wrote an event in them, about
 * 130 bytes per virtual thread. A chunk ends when it is full ({@link JfrChunks}) or a recording
 * starts or stops, never when the JVM goes quiet: after a burst of short virtual threads the parser
 * would hold the last two chunks' threads, up to hundreds of thousands of them, until enough new
 * events fill the chunk being written, which in a quiet service can be hours.
 *
 * <p>So, at a flush after a quiet spell, with many events since the last release, this starts and
 * stops an empty recording. Each of the two ends a chunk; the parser moves on to a chunk that holds
 * the threads of no burst, and the one before it is the short chunk between the two. Under steady
 * load nothing is done (each flush has events), and what the parser holds is then bounded by JFR's
 * chunks. A trickle of events releases once every {@link #BUSY_EVENTS}.
 *
 * <p>Threading: {@link #flushed} runs on the dispatch thread, in its flush action, never two at
 * once. The recording's start and stop write a chunk's metadata: a few milliseconds, when the
 * stream has little else to do.
 */
final class ChunkRelease {

  /** Events since the last release after which a quiet flush releases (about 2.5 MB of threads). */
  static final long BUSY_EVENTS = 20_000;

  /**
   * Fewer events a second than this since the last flush is quiet: the burst is over. A rate, not a
   * count per flush: the stream also flushes when a chunk ends, a few events after the last flush,
   * and a steady service must not read that as quiet (each release ends two more chunks).
   */
  static final long QUIET_EVENTS = 1_000;

  private static final long SECOND = 1_000_000_000L;

  private static final Logger log = LoggerFactory.getLogger(ChunkRelease.class);

  private final Runnable newChunks;
  private long receivedAtLastFlush;
  private long lastFlushNanos;
  private boolean flushedBefore;
  private long sinceRelease;
  private long releases;
  private boolean failed;

  ChunkRelease() {
    this(ChunkRelease::startAndStopEmptyRecording);
  }

  /** Package private. For testing only: {@code newChunks} stands for JFR's. */
  ChunkRelease(Runnable newChunks) {
    this.newChunks = newChunks;
  }

  /** At a flush, with the events received so far; releases if due. Never throws. */
  void flushed(long receivedSoFar) {
    flushed(receivedSoFar, System.nanoTime());
  }

  /** Package private. For testing only: {@code nowNanos} stands for {@link System#nanoTime()}. */
  void flushed(long receivedSoFar, long nowNanos) {
    long sinceFlush = receivedSoFar - receivedAtLastFlush;
    long elapsedNanos = flushedBefore ? nowNanos - lastFlushNanos : SECOND;
    receivedAtLastFlush = receivedSoFar;
    lastFlushNanos = nowNanos;
    flushedBefore = true;
    sinceRelease += sinceFlush;
    boolean quiet = (double) sinceFlush * SECOND < (double) QUIET_EVENTS * elapsedNanos;
    if (failed || sinceRelease < BUSY_EVENTS || !quiet) {
      return;
    }
    sinceRelease = 0;
    try {
      newChunks.run();
      releases++;
    } catch (RuntimeException error) {
      // JFR shutting down, or not permitted: the parser then keeps its chunks until they fill.
      failed = true;
      log.info(
          "jfr-threads: cannot end JFR's chunk after a burst of threads ({}); JFR's parser keeps"
              + " their thread constants until the chunk fills.",
          error.toString());
    }
  }

  /** How many times it released. */
  long releases() {
    return releases;
  }

  private static void startAndStopEmptyRecording() {
    try (Recording empty = new Recording()) {
      empty.setName("jfr-threads: new chunk");
      empty.setToDisk(true);
      empty.start();
      empty.stop();
    }
  }
}
