package org.jfrthreads.stream;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordingStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The thread events of this JVM, through an in-process {@link RecordingStream}. */
final class LiveStreamSource extends EventStreamSource {

  private static final Logger log = LoggerFactory.getLogger(LiveStreamSource.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  private final CountDownLatch recording = new CountDownLatch(1);
  private FlightRecorderListener startListener;

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
    warnOfMissingEventTypes(settings);
    try {
      listenForOurRecordingToStart();
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

  // The stream starts its recording on the dispatch thread, which can take a second in a busy JVM
  // using JFR for the first time; events before that are never seen. Waiting for the recording to
  // run makes start() keep its promise that what the caller does next is watched.
  private void listenForOurRecordingToStart() {
    Set<Long> existing = new HashSet<>();
    for (Recording other : FlightRecorder.getFlightRecorder().getRecordings()) {
      existing.add(other.getId());
    }
    startListener =
        new FlightRecorderListener() {
          @Override
          public void recordingStateChanged(Recording changed) {
            if (changed.getState() == RecordingState.RUNNING
                && !existing.contains(changed.getId())) {
              recording.countDown();
            }
          }
        };
    FlightRecorder.addListener(startListener);
  }

  @Override
  void awaitStarted() {
    try {
      if (!recording.await(START_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
        log.warn(
            "jfr-threads: JFR did not start recording within {}; watching begins when it does.",
            START_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      FlightRecorder.removeListener(startListener);
    }
  }

  // A JVM that lacks some of the events (a JDK built without them) never sends them: say so once
  // rather than show empty metrics without a word.
  private static void warnOfMissingEventTypes(ThreadEventSettings settings) {
    Set<String> available =
        FlightRecorder.getFlightRecorder().getEventTypes().stream()
            .map(EventType::getName)
            .collect(Collectors.toSet());
    Set<String> missing = new TreeSet<>();
    for (String key : settings.toJfrSettings().keySet()) {
      String event = key.substring(0, key.indexOf('#'));
      if (!available.contains(event)) {
        missing.add(event);
      }
    }
    if (!missing.isEmpty()) {
      log.warn(
          "jfr-threads: this JVM ({}) has no {} events: their metrics stay empty.",
          Runtime.version(),
          missing);
    }
  }

  @Override
  boolean live() {
    return true;
  }

  // A running recording takes new settings at once (Recording.setSettings); JFR merges them with
  // those of other recordings, and the mapper filters what gets through.
  @Override
  boolean applyToStream(EventStream stream, ThreadEventSettings settings) {
    try {
      ((RecordingStream) stream).setSettings(settings.toJfrSettings());
      return true;
    } catch (IllegalStateException closed) {
      return false;
    }
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
