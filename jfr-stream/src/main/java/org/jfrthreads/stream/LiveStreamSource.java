package org.jfrthreads.stream;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * The thread events of this JVM, through an in-process {@link RecordingStream}.
 *
 * <p>The recording is named {@value #RECORDING_NAME}, as {@code jcmd PID JFR.check} lists it. When
 * anyone else stops or closes it ({@code jcmd PID JFR.stop}, the {@code FlightRecorderMXBean}, code
 * in this JVM), the source notices at once through a {@link FlightRecorderListener}, reports itself
 * down, and starts a new recording with its current settings after a backoff.
 */
final class LiveStreamSource extends EventStreamSource {

  static final String RECORDING_NAME = "jfr-threads";

  private static final Logger log = LoggerFactory.getLogger(LiveStreamSource.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  // RecordingStream hides its Recording; a max size only this source sets picks it out of the
  // JVM's recordings, and is reset right after.
  private static final AtomicLong marker = new AtomicLong(Long.MAX_VALUE / 2);

  private final CountDownLatch firstRecording = new CountDownLatch(1);
  private final FlightRecorderListener stateListener = new StateListener();
  private final ChunkRelease chunkRelease = new ChunkRelease(); // dispatch thread only
  private volatile Recording ours; // the recording of the current stream
  private boolean listening; // open() only: one call at a time
  private boolean warned; // open() only

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
    JfrChunks.bound(); // before anything starts JFR: later, JFR keeps its chunk size
    if (!warned) {
      warned = true;
      warnOfMissingEventTypes(settings);
    }
    try {
      if (!listening) {
        FlightRecorder.addListener(stateListener);
        listening = true;
      }
      RecordingStream stream = new RecordingStream();
      stream.setSettings(jfrSettings(settings));
      ours = findRecording(stream);
      return stream;
    } catch (IllegalStateException | SecurityException error) {
      throw new ThreadEventSourceException(
          "cannot start a JDK Flight Recorder stream in this JVM ("
              + error.getMessage()
              + "): check that JFR is enabled and permitted.",
          error);
    }
  }

  private static Recording findRecording(RecordingStream stream) {
    long mark = marker.incrementAndGet();
    stream.setMaxSize(mark);
    Recording found = null;
    for (Recording recording : FlightRecorder.getFlightRecorder().getRecordings()) {
      if (recording.getMaxSize() == mark) {
        found = recording;
      }
    }
    // 0 is "no limit": the stream then deletes each chunk file as soon as it has read it, which
    // keeps the JFR repository on disk at the chunk being written and the one being read.
    // setMaxAge/setMaxSize would keep chunks on disk for as long as they say instead.
    stream.setMaxSize(0);
    if (found != null) {
      found.setName(RECORDING_NAME);
    }
    return found;
  }

  /** Follows our recording's state: its start, and a stop by anyone but this source. */
  private final class StateListener implements FlightRecorderListener {
    @Override
    public void recordingStateChanged(Recording changed) {
      if (changed != ours) {
        return;
      }
      RecordingState state = changed.getState();
      if (state == RecordingState.RUNNING) {
        recordingStarted();
        firstRecording.countDown();
      } else if ((state == RecordingState.STOPPED || state == RecordingState.CLOSED)
          && !isClosed()
          && !shuttingDown()) {
        // A stopped recording's stream delivers what was recorded and ends by itself; a closed
        // one's waits for ever for the next chunk, so it is closed here.
        endedFromOutside(
            "its recording \""
                + changed.getName()
                + "\" (id "
                + changed.getId()
                + ") was "
                + (state == RecordingState.CLOSED ? "closed" : "stopped")
                + " from outside jfr-threads (jcmd JFR.stop, the FlightRecorderMXBean or code in"
                + " this JVM)",
            state == RecordingState.CLOSED);
      }
    }
  }

  // The stream starts its recording on the dispatch thread, which can take a second in a busy JVM
  // using JFR for the first time; events before that are never seen. Waiting for the recording to
  // run makes start() keep its promise that what the caller does next is watched.
  @Override
  void awaitStarted() {
    try {
      if (!firstRecording.await(START_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
        log.warn(
            "jfr-threads: JFR did not start recording within {}; watching begins when it does.",
            START_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  void ended() {
    FlightRecorder.removeListener(stateListener);
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
      // Scope events are the application's: they exist once it loads a class that commits them.
      if (!available.contains(event) && !TraceScope.EVENT_NAMES.contains(event)) {
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

  // A running recording takes new settings at once (Recording.setSettings); JFR merges them with
  // those of other recordings, and the mapper filters what gets through.
  @Override
  boolean applyToStream(EventStream stream, ThreadEventSettings settings) {
    try {
      ((RecordingStream) stream).setSettings(jfrSettings(settings));
    } catch (IllegalStateException ended) {
      // stopped meanwhile: the restarted stream opens with the new settings
    }
    return true;
  }

  // A burst of short threads would otherwise stay in JFR's parser until the chunk fills.
  @Override
  void flushed(long receivedSoFar) {
    chunkRelease.flushed(receivedSoFar);
  }

  @Override
  boolean live() {
    return true;
  }

  @Override
  boolean restartsItself() {
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
