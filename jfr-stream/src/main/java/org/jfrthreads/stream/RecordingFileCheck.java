package org.jfrthreads.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a file is a whole, undamaged JFR recording before it is read.
 *
 * <p>{@code EventStream.openFile} accepts any file: a recording cut short (a copy that did not
 * finish, a JVM killed while writing) is read up to the cut, and a damaged one is read in part, all
 * without a word. Walking the chunk headers finds the first case; {@link ChunkStructure} walks each
 * chunk's records for the second. The walk reads the whole file once more, at the speed of the
 * disk, before JFR reads it.
 */
final class RecordingFileCheck {

  // A chunk starts with "FLR\0", a major and minor version (2 bytes each), then its size in bytes.
  private static final int MAGIC = 0x464C5200;
  private static final int HEADER_PREFIX_BYTES = 16;

  private RecordingFileCheck() {}

  /**
   * @throws ThreadEventSourceException naming what is wrong with the file and what to do
   */
  static void check(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file)) {
      long size = channel.size();
      List<Long> chunks = new ArrayList<>();
      ByteBuffer header = ByteBuffer.allocate(HEADER_PREFIX_BYTES);
      long position = 0;
      while (position < size) {
        header.clear();
        int read = channel.read(header, position);
        if (read >= 4 && header.getInt(0) != MAGIC) {
          throw position == 0
              ? notARecording(file)
              : new ThreadEventSourceException(
                  file
                      + " is corrupt: no JFR chunk starts at byte "
                      + position
                      + " of "
                      + size
                      + ": record it again, or read a copy that is known to be whole.");
        }
        long chunkSize = read == HEADER_PREFIX_BYTES ? header.getLong(8) : -1;
        if (chunkSize <= 0 || position + chunkSize > size) {
          throw new ThreadEventSourceException(
              file
                  + " is truncated: it ends at byte "
                  + size
                  + " inside a chunk that starts at byte "
                  + position
                  + " (a copy that did not finish, or a JVM stopped while writing):"
                  + " record it again, or dump it with jcmd <pid> JFR.dump.");
        }
        if (chunkSize < ChunkStructure.HEADER_BYTES) {
          throw new ThreadEventSourceException(
              corrupt(file, chunks.size() + 1, position, position + 8)
                  + "a chunk of "
                  + chunkSize
                  + " bytes, smaller than its header"
                  + WHAT_TO_DO);
        }
        chunks.add(position);
        position += chunkSize;
      }
      if (size == 0) {
        throw notARecording(file);
      }
      RecordingBytes bytes = new RecordingBytes(channel);
      for (int i = 0; i < chunks.size(); i++) {
        long start = chunks.get(i);
        long end = i + 1 < chunks.size() ? chunks.get(i + 1) : size;
        try {
          ChunkStructure.check(bytes, start, end - start);
        } catch (RecordingDamage damage) {
          throw new ThreadEventSourceException(
              corrupt(file, i + 1, start, damage.offset()) + damage.problem() + WHAT_TO_DO);
        }
      }
    }
  }

  private static final String WHAT_TO_DO =
      ": record it again, or read a copy that is known to be whole. A damaged recording is not"
          + " read in part.";

  // "app.jfr is corrupt: chunk 2 (at byte 4096) has, at byte 5000, "
  private static String corrupt(Path file, int chunk, long chunkStart, long offset) {
    return file
        + " is corrupt: chunk "
        + chunk
        + " (at byte "
        + chunkStart
        + ") has, at byte "
        + offset
        + ", ";
  }

  private static ThreadEventSourceException notARecording(Path file) {
    return new ThreadEventSourceException(
        file
            + " is not a JFR recording (no \"FLR\" header): record one with"
            + " -XX:StartFlightRecording or jcmd <pid> JFR.dump.");
  }
}
