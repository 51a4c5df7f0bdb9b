package org.jfrthreads.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.consumer.EventStream;

/** The thread events of a recorded {@code .jfr} file, read once from start to end. */
final class RecordingFileSource extends EventStreamSource {

  private final Path file;

  RecordingFileSource(Path file, ThreadEventSettings settings) {
    super(settings);
    this.file = file;
  }

  @Override
  EventStream open(ThreadEventSettings settings) {
    if (Files.isDirectory(file)) {
      throw new ThreadEventSourceException(
          file + " is a directory: give the path of one .jfr recording file.");
    }
    if (!Files.isReadable(file)) {
      throw new ThreadEventSourceException(
          file + ": no such readable file: give the path of a .jfr recording.");
    }
    // A FIFO or a device would be read for ever (or until the heap is full): only a file whose
    // end is known can be checked and read.
    if (!Files.isRegularFile(file)) {
      throw new ThreadEventSourceException(
          file
              + " is not a regular file (a pipe, a device or a socket): give the path of a .jfr"
              + " recording file; save a stream to a file first.");
    }
    try {
      RecordingFileCheck.check(file);
      return EventStream.openFile(file);
    } catch (IOException | SecurityException error) {
      throw new ThreadEventSourceException(
          file
              + " is not a readable JFR recording ("
              + error.getMessage()
              + "): record one with -XX:StartFlightRecording or jcmd <pid> JFR.dump.",
          error);
    }
  }

  @Override
  boolean live() {
    return false;
  }

  @Override
  public String description() {
    return file.toString();
  }
}
