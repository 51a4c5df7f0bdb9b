package org.jfrthreads.stream;

import jdk.jfr.FlightRecorder;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordingStream;

/** The thread events of this JVM, through an in-process {@link RecordingStream}. */
final class LiveStreamSource extends EventStreamSource {

  LiveStreamSource(ThreadEventSettings settings) {
    super(settings);
  }

  @Override
  EventStream open(ThreadEventSettings settings) {
    if (!FlightRecorder.isAvailable()) {
      throw new ThreadEventSourceException(
          "JDK Flight Recorder is not available in this JVM (started with -XX:-FlightRecorder, or a"
              + " JDK built without JFR): remove that option or run on a JDK that includes JFR.");
    }
    try {
      RecordingStream stream = new RecordingStream();
      stream.setSettings(settings.toJfrSettings());
      return stream;
    } catch (IllegalStateException | SecurityException error) {
      throw new ThreadEventSourceException(
          "cannot start a JDK Flight Recorder stream in this JVM ("
              + error.getMessage()
              + "): check that JFR is enabled and permitted.",
          error);
    }
  }

  @Override
  boolean live() {
    return true;
  }

  // RecordingStream.close() drops events JFR has not delivered yet; stop() delivers them first.
  // At JVM exit JFR's own shutdown hook may have stopped the recording already: nothing is lost.
  @Override
  void stop(EventStream stream) {
    try {
      ((RecordingStream) stream).stop();
    } catch (IllegalStateException alreadyStopped) {
      // stopped by JFR's shutdown hook, or never started: close() follows either way
    }
  }

  @Override
  public String description() {
    return "this JVM";
  }
}
