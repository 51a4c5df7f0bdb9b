package org.jfrthreads.opentelemetry.context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** A real JFR recording of the trace-scope events only, read back from its file. */
final class TraceScopeRecording implements AutoCloseable {

  private final Recording recording = new Recording();

  TraceScopeRecording(Duration threshold) {
    recording.enable(TraceScopeEvents.EVENT_NAME).withThreshold(threshold);
    recording.start();
  }

  /** Stops the recording and returns its trace-scope events, oldest commit first. */
  List<RecordedEvent> stop(Path directory) throws IOException {
    recording.stop();
    Path file = Files.createTempFile(directory, "scopes", ".jfr");
    recording.dump(file);
    return RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals(TraceScopeEvents.EVENT_NAME))
        .toList();
  }

  @Override
  public void close() {
    recording.close();
  }
}
