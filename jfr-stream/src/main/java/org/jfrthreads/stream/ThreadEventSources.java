package org.jfrthreads.stream;

import java.nio.file.Path;
import java.util.Objects;

/** Creates the {@link ThreadEventSource}s. */
public final class ThreadEventSources {

  private ThreadEventSources() {}

  /** This JVM's own thread events, live, through an in-process JFR stream. */
  public static ThreadEventSource thisJvm(ThreadEventSettings settings) {
    return new LiveStreamSource(Objects.requireNonNull(settings, "settings"));
  }

  /**
   * The thread events of a recording file. {@code settings} thresholds still apply: events shorter
   * than them are skipped.
   */
  public static ThreadEventSource recordingFile(Path file, ThreadEventSettings settings) {
    return new RecordingFileSource(
        Objects.requireNonNull(file, "file"), Objects.requireNonNull(settings, "settings"));
  }

  /** The thread events of a recording file, with default thresholds. */
  public static ThreadEventSource recordingFile(Path file) {
    return recordingFile(file, ThreadEventSettings.defaults());
  }
}
