package org.jfrthreads.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Checks that a file is a whole JFR recording before it is read.
 *
 * <p>{@code EventStream.openFile} accepts any file, and a recording cut short (a copy that did not
 * finish, a JVM killed while writing) is read up to the cut without a word. Walking the chunk
 * headers costs one small read per chunk and turns both cases into a clear message.
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
        position += chunkSize;
      }
      if (size == 0) {
        throw notARecording(file);
      }
    }
  }

  private static ThreadEventSourceException notARecording(Path file) {
    return new ThreadEventSourceException(
        file
            + " is not a JFR recording (no \"FLR\" header): record one with"
            + " -XX:StartFlightRecording or jcmd <pid> JFR.dump.");
  }
}
