package org.jfrthreads.stream;

import java.nio.file.Path;
import java.util.Objects;
import javax.management.MBeanServerConnection;

/** Creates the {@link ThreadEventSource}s. */
public final class ThreadEventSources {

  private ThreadEventSources() {}

  /**
   * This JVM's own thread events, live, through an in-process JFR stream. Its recording is named
   * {@code jfr-threads}; when someone else stops or closes it, the source reports itself down
   * ({@link SourceStatistics#running()}), logs why, and starts a new one after a backoff of 1 s
   * doubling up to a minute ({@link SourceStatistics#restarts()}). Events while nothing records are
   * missed. The first source in a JVM that starts JFR lowers JFR's maximum chunk size to 1 MB,
   * which bounds the heap JFR's parser holds.
   */
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

  /**
   * The thread events of another JVM, live, through a JFR recording streamed over {@code
   * connection} ({@code jdk.management.jfr.RemoteRecordingStream}; the target needs JDK 17+, and
   * 21+ for virtual-thread events). The source ends when the connection does; it does not
   * reconnect.
   *
   * @param connection to the other JVM's platform MBean server, not {@code null}
   * @param description what it is, for messages: {@code "127.0.0.1:9010"}, {@code "pid 1234"}
   */
  public static ThreadEventSource remoteJvm(
      MBeanServerConnection connection, String description, ThreadEventSettings settings) {
    return new RemoteStreamSource(
        Objects.requireNonNull(connection, "connection"),
        Objects.requireNonNull(description, "description"),
        Objects.requireNonNull(settings, "settings"));
  }
}
