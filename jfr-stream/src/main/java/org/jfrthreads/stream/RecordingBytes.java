package org.jfrthreads.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads a recording file at any position, through a buffer, in JFR's encodings: integers as
 * variable-length 7-bit groups (as {@code jdk.jfr.internal.consumer.RecordingInput#readLong} reads
 * them), a few fields as raw big-endian bytes.
 *
 * <p>Every read stays below a limit, the end of the record or chunk being read: a read past it is
 * {@link RecordingDamage}, so that no size read from the file can take the reader elsewhere. Not
 * thread-safe.
 */
final class RecordingBytes {

  private static final int BUFFER_BYTES = 64 * 1024;

  private final FileChannel channel;
  private final byte[] array = new byte[BUFFER_BYTES];
  private final ByteBuffer buffer = ByteBuffer.wrap(array);
  private long bufferStart;
  private long bufferEnd;
  private long position;
  private long limit;

  RecordingBytes(FileChannel channel) {
    this.channel = channel;
  }

  /** Moves to {@code position}; reads may go up to, not including, {@code limit}. */
  void seek(long position, long limit) {
    this.position = position;
    this.limit = limit;
  }

  long position() {
    return position;
  }

  long limit() {
    return limit;
  }

  /** Bytes left before the limit. */
  long remaining() {
    return limit - position;
  }

  byte readByte() throws IOException, RecordingDamage {
    long at = position;
    if (at < limit && at >= bufferStart && at < bufferEnd) {
      position = at + 1;
      return array[(int) (at - bufferStart)];
    }
    if (at >= limit) {
      throw new RecordingDamage(at, "a value that runs past the end of its record");
    }
    fill();
    position = at + 1;
    return array[(int) (at - bufferStart)];
  }

  /** A variable-length integer: 7 bits a byte, low bits first, the ninth byte whole. */
  long readVarLong() throws IOException, RecordingDamage {
    long value = 0;
    for (int shift = 0; shift < 56; shift += 7) {
      byte b = readByte();
      value |= (b & 0x7FL) << shift;
      if (b >= 0) {
        return value;
      }
    }
    return value | (readByte() & 0xFFL) << 56;
  }

  /** A count or length: a variable-length integer that must fit in what is left of the record. */
  int readCount(String what) throws IOException, RecordingDamage {
    long at = position;
    long count = readVarLong();
    if (count < 0 || count > remaining()) {
      throw new RecordingDamage(
          at, what + " of " + count + ", more than the " + remaining() + " bytes left");
    }
    return (int) count;
  }

  long readRawLong() throws IOException, RecordingDamage {
    long value = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      value = value << 8 | (readByte() & 0xFFL);
    }
    return value;
  }

  void skip(long bytes) throws RecordingDamage {
    if (bytes < 0 || bytes > remaining()) {
      throw new RecordingDamage(position, "a value that runs past the end of its record");
    }
    position += bytes;
  }

  private void fill() throws IOException {
    buffer.clear();
    bufferStart = position;
    bufferEnd = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, bufferEnd);
      if (read <= 0) {
        break;
      }
      bufferEnd += read;
    }
    if (bufferEnd == bufferStart) {
      throw new IOException("no data at byte " + position + " of the file");
    }
  }
}
