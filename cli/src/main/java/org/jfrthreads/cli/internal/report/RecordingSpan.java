package org.jfrthreads.cli.internal.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * When a recording starts and ends, read from its chunk headers: a few small reads, before the
 * events are.
 *
 * <p>Events give only the times of thread events; the chunk headers give the span JFR recorded,
 * which is what the timeline covers, what progress is measured against and what "the end of the
 * recording" means. The file must have passed the source's own checks (whole chunks, each starting
 * with {@code FLR\0}); a header that does not fit is reported as {@code null}, not guessed.
 *
 * @param startEpochNanos the start of the first chunk
 * @param endEpochNanos the end of the last chunk (the latest chunk start plus its duration)
 * @param chunks how many chunks the file holds
 * @param timeOrdered whether each chunk starts later than the one before it, as in a rotated
 *     recording; files put end to end with {@code cat} may not be, and then how far the reading has
 *     got cannot be told from event times
 */
public record RecordingSpan(
    long startEpochNanos, long endEpochNanos, int chunks, boolean timeOrdered) {

  // Chunk header: magic (4), version (4), size (8), constant pool offset (8), metadata offset (8),
  // start in epoch nanoseconds (8), duration in nanoseconds (8), ...
  private static final int MAGIC = 0x464C5200;
  private static final int SIZE_OFFSET = 8;
  private static final int START_NANOS_OFFSET = 32;
  private static final int DURATION_NANOS_OFFSET = 40;
  private static final int HEADER_BYTES = 48;

  /** The recording's length. */
  public long durationNanos() {
    return endEpochNanos - startEpochNanos;
  }

  /** Reads the span of {@code file}, or {@code null} if a chunk header is not as expected. */
  static RecordingSpan read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file)) {
      long size = channel.size();
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
      long position = 0;
      long start = Long.MAX_VALUE;
      long end = Long.MIN_VALUE;
      int chunks = 0;
      boolean timeOrdered = true;
      long previousStart = Long.MIN_VALUE;
      while (position < size) {
        header.clear();
        if (channel.read(header, position) != HEADER_BYTES || header.getInt(0) != MAGIC) {
          return null;
        }
        long chunkSize = header.getLong(SIZE_OFFSET);
        long chunkStart = header.getLong(START_NANOS_OFFSET);
        long chunkDuration = header.getLong(DURATION_NANOS_OFFSET);
        if (chunkSize <= 0 || chunkStart <= 0 || chunkDuration < 0) {
          return null;
        }
        timeOrdered &= chunkStart > previousStart;
        previousStart = chunkStart;
        start = Math.min(start, chunkStart);
        end = Math.max(end, chunkStart + chunkDuration);
        chunks++;
        position += chunkSize;
      }
      return chunks == 0 ? null : new RecordingSpan(start, end, chunks, timeOrdered);
    }
  }
}
