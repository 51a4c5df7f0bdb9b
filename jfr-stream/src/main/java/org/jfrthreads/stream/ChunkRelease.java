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
 * <p>So, once the stream has been quiet for {@link #QUIET_SECONDS} seconds, with many events since
 * the last release, this starts and stops an empty recording. Each of the two ends a chunk; the
 * parser moves on to a chunk that holds the threads of no burst, and the one before it is the short
 * chunk between the two. Under steady load nothing is done, and what the parser holds is then
 * bounded by JFR's chunks. A trickle of events releases once every {@link #BUSY_EVENTS}.
 *
 * <p>Threading: {@link #flushed} runs on the dispatch thread, in its flush action, never two at
 * once. The recording's start and stop write a chunk's metadata: a few milliseconds, when the
 * stream has little else to do.
 */
final class ChunkRelease {

  /** Events since the last release after which a quiet spell releases (about 2.5 MB of threads). */
  static final long BUSY_EVENTS = 20_000;

  /** Fewer events a second than this is quiet: the burst is over. */
  static final long QUIET_EVENTS = 1_000;

  /**
   * How long the stream must stay quiet. Not one flush: a busy stream also flushes with nothing
   * new, when a chunk ends just after a flush, and it can deliver nothing for a second while the
   * next chunk is written; each release would end two more chunks, which the stream then reads.
   */
  static final long QUIET_SECONDS = 3;

  private static final long SECOND = 1_000_000_000L;

  private static final Logger log = LoggerFactory.getLogger(ChunkRelease.class);

  private final Runnable newChunks;
  private boolean flushedBefore;
  private long spellStartNanos; // the quiet spell, if it is one: since the last busy flush
  private long receivedAtSpellStart;
  private long lastFlushNanos;
  private long receivedAtLastFlush;
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
    if (!flushedBefore) {
      flushedBefore = true;
      sinceRelease = receivedSoFar;
      receivedAtSpellStart = receivedAtLastFlush = receivedSoFar;
      spellStartNanos = lastFlushNanos = nowNanos;
      return;
    }
    long inSpell = receivedSoFar - receivedAtSpellStart;
    long elapsedNanos = nowNanos - spellStartNanos;
    // Busy over the whole spell, or again since the last flush: the burst resumed.
    boolean busy =
        busy(inSpell, elapsedNanos)
            || busy(receivedSoFar - receivedAtLastFlush, nowNanos - lastFlushNanos);
    lastFlushNanos = nowNanos;
    receivedAtLastFlush = receivedSoFar;
    if (!busy && elapsedNanos < QUIET_SECONDS * SECOND) {
      return; // quiet so far, not for long enough
    }
    sinceRelease += inSpell;
    receivedAtSpellStart = receivedSoFar;
    spellStartNanos = nowNanos;
    if (busy || failed || sinceRelease < BUSY_EVENTS) {
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

  // A few events soon after a flush are not a rate: it is judged over a second at least.
  private static boolean busy(long events, long elapsedNanos) {
    return (double) events * SECOND >= (double) QUIET_EVENTS * Math.max(elapsedNanos, SECOND);
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
