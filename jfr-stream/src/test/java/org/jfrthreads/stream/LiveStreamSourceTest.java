package org.jfrthreads.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.management.jfr.FlightRecorderMXBean;
import org.junit.jupiter.api.Test;

class LiveStreamSourceTest {

  @Test
  void eventsBelowOurThresholdAreDroppedEvenWhenAnotherRecordingAsksForThem() throws Exception {
    ThreadEventSettings settings =
        ThreadEventSettings.builder().threshold(BlockingKind.SLEEP, Duration.ofMillis(200)).build();
    List<ThreadEvent> events = new CopyOnWriteArrayList<>();
    CountDownLatch flushed = new CountDownLatch(1);
    try (Recording lowerThreshold = new Recording();
        ThreadEventSource source = ThreadEventSources.thisJvm(settings)) {
      lowerThreshold.enable("jdk.ThreadSleep").withThreshold(Duration.ZERO);
      lowerThreshold.start();
      source.start(listener(events, flushed));
      assertThat(flushed.await(30, TimeUnit.SECONDS)).isTrue();

      Thread.ofPlatform().start(() -> sleep(30)).join();
      Thread.ofPlatform().start(() -> sleep(220)).join();

      source.close();
      assertThat(source.awaitTermination(Duration.ofSeconds(30))).isTrue();
      assertThat(source.statistics().eventsBelowThreshold()).isPositive();
    }
    assertThat(events)
        .filteredOn(e -> e instanceof ThreadBlocked b && b.kind() == BlockingKind.SLEEP)
        .map(e -> ((ThreadBlocked) e).durationNanos())
        .isNotEmpty()
        .allSatisfy(nanos -> assertThat(nanos).isGreaterThanOrEqualTo(200_000_000L));
  }

  @Test
  void whatHappensRightAfterStartIsSeen() throws Exception {
    Set<Long> started = ConcurrentHashMap.newKeySet();
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    try (ThreadEventSource source = ThreadEventSources.thisJvm(ThreadEventSettings.defaults())) {
      source.start(
          event -> {
            if (event instanceof ThreadStarted start && start.virtual()) {
              seen.add(start.threadId());
            }
          });
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        threads.add(Thread.ofVirtual().start(() -> {}));
      }
      // A virtual thread's start event is written when it first runs, which can be after start().
      for (Thread thread : threads) {
        thread.join();
        started.add(thread.threadId());
      }
    }
    assertThat(seen).containsAll(started);
  }

  @Test
  void closeDeliversEventsTheStreamHadNotFlushedYet() throws Exception {
    List<ThreadEvent> events = new CopyOnWriteArrayList<>();
    CountDownLatch flushed = new CountDownLatch(1);
    Thread sleeper;
    try (ThreadEventSource source = ThreadEventSources.thisJvm(ThreadEventSettings.defaults())) {
      source.start(listener(events, flushed));
      assertThat(flushed.await(30, TimeUnit.SECONDS)).isTrue();
      sleeper = Thread.ofPlatform().start(() -> sleep(20));
      sleeper.join();
    }
    long sleeperId = sleeper.threadId();
    assertThat(events)
        .anyMatch(e -> e instanceof ThreadBlocked b && b.threadId() == sleeperId)
        .anyMatch(e -> e instanceof ThreadEnded ended && ended.threadId() == sleeperId);
  }

  @Test
  void theDispatchThreadIsADaemonSoItNeverKeepsTheJvmAlive() throws Exception {
    CountDownLatch flushed = new CountDownLatch(1);
    Thread[] dispatch = new Thread[1];
    try (ThreadEventSource source = ThreadEventSources.thisJvm(ThreadEventSettings.defaults())) {
      source.start(
          new ThreadEventListener() {
            @Override
            public void onEvent(ThreadEvent event) {}

            @Override
            public void onFlush() {
              dispatch[0] = Thread.currentThread();
              flushed.countDown();
            }
          });
      assertThat(flushed.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(source.statistics().running()).isTrue();
    }
    assertThat(dispatch[0].isDaemon()).isTrue();
    assertThat(dispatch[0].getName()).startsWith("jfr-threads-stream-");
  }

  @Test
  void aListenerThatThrowsIsCountedAsAnErrorAndTheStreamGoesOn() throws Exception {
    CountDownLatch flushedAfterFailure = new CountDownLatch(2);
    try (ThreadEventSource source = ThreadEventSources.thisJvm(ThreadEventSettings.defaults())) {
      source.start(
          new ThreadEventListener() {
            @Override
            public void onEvent(ThreadEvent event) {
              throw new IllegalStateException("listener bug");
            }

            @Override
            public void onFlush() {
              flushedAfterFailure.countDown();
            }
          });
      Thread.ofPlatform().start(() -> sleep(20)).join();

      assertThat(flushedAfterFailure.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(source.statistics().running()).isTrue();
      assertThat(source.statistics().errors()).isPositive();
      assertThat(source.statistics().lastError()).isEqualTo("listener bug");
    }
  }

  @Test
  void aSourceStartsOnceAndClosesAnyNumberOfTimes() {
    ThreadEventSource source = ThreadEventSources.thisJvm(ThreadEventSettings.defaults());
    source.start(event -> {});

    assertThatIllegalStateException()
        .isThrownBy(() -> source.start(event -> {}))
        .withMessage("this JVM: source already started");
    source.close();
    source.close();
    assertThatIllegalStateException()
        .isThrownBy(() -> source.start(event -> {}))
        .withMessage("this JVM: source already closed");
  }

  @Test
  void aRecordingClosedThroughTheManagementApiIsRestartedAndCountingGoesOn() throws Exception {
    stoppedFromOutsideIsRestarted(
        id -> {
          try {
            ManagementFactory.getPlatformMXBean(FlightRecorderMXBean.class).closeRecording(id);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @Test
  void aRecordingStoppedThroughTheManagementApiIsRestartedAndCountingGoesOn() throws Exception {
    stoppedFromOutsideIsRestarted(
        id -> ManagementFactory.getPlatformMXBean(FlightRecorderMXBean.class).stopRecording(id));
  }

  @Test
  void aRecordingStoppedWithJcmdIsRestartedAndCountingGoesOn() throws Exception {
    stoppedFromOutsideIsRestarted(LiveStreamSourceTest::jcmdStop);
  }

  private static void stoppedFromOutsideIsRestarted(LongConsumer stopRecording) throws Exception {
    Set<Long> ended = ConcurrentHashMap.newKeySet();
    try (ThreadEventSource source = ThreadEventSources.thisJvm(ThreadEventSettings.defaults())) {
      source.start(
          event -> {
            if (event instanceof ThreadEnded end) {
              ended.add(end.threadId());
            }
          });
      long before = endedThread();
      poll("the end of a thread before the stop", () -> ended.contains(before));
      long firstRecording = ourRecording();

      stopRecording.accept(firstRecording);
      poll("stream_up down", () -> !source.statistics().running());
      assertThat(source.statistics().restarts()).isZero();
      poll("stream_up up again", () -> source.statistics().running());

      long after = endedThread();
      poll("the end of a thread after the restart", () -> ended.contains(after));
      assertThat(source.statistics().restarts()).isEqualTo(1);
      assertThat(ourRecording()).isNotEqualTo(firstRecording);
      assertThat(source.statistics().eventsReceived().get("jdk.ThreadEnd")).isPositive();
    }
  }

  @Test
  void aRestartedRecordingRecordsWithTheSettingsInForceNotThoseOfTheStart() throws Exception {
    ThreadEventSettings raised =
        ThreadEventSettings.builder()
            .blockingThreshold(Duration.ofMillis(50))
            .virtualThreadLifecycle(false)
            .build();
    try (LiveStreamSource source = new LiveStreamSource(ThreadEventSettings.defaults())) {
      source.start(event -> {});
      assertThat(source.applySettings(raised)).isTrue();
      assertThat(ourSettings()).isEqualTo(EventStreamSource.jfrSettings(raised));

      ManagementFactory.getPlatformMXBean(FlightRecorderMXBean.class).stopRecording(ourRecording());
      poll("a restart", () -> source.statistics().restarts() == 1 && source.statistics().running());

      assertThat(source.settings()).isSameAs(raised);
      assertThat(ourSettings())
          .isEqualTo(EventStreamSource.jfrSettings(raised))
          .containsEntry("jdk.ThreadPark#threshold", "50000000 ns")
          .doesNotContainKey("jdk.VirtualThreadStart#enabled");
    }
  }

  private static Map<String, String> ourSettings() {
    long id = ourRecording();
    return FlightRecorder.getFlightRecorder().getRecordings().stream()
        .filter(r -> r.getId() == id)
        .findFirst()
        .orElseThrow()
        .getSettings();
  }

  @Test
  void closingTheSourceIsNotMistakenForAStopFromOutside() throws Exception {
    ThreadEventSource source = ThreadEventSources.thisJvm(ThreadEventSettings.defaults());
    source.start(event -> {});
    source.close();

    assertThat(source.awaitTermination(Duration.ofSeconds(30))).isTrue();
    assertThat(source.statistics().restarts()).isZero();
    assertThat(FlightRecorder.getFlightRecorder().getRecordings())
        .filteredOn(r -> r.getName().equals(LiveStreamSource.RECORDING_NAME))
        .map(r -> r.getId() + " " + r.getState())
        .isEmpty();
  }

  /** The id of the running recording of jfr-threads, as jcmd JFR.check would show it. */
  private static long ourRecording() {
    List<Recording> ours =
        FlightRecorder.getFlightRecorder().getRecordings().stream()
            .filter(r -> r.getName().equals(LiveStreamSource.RECORDING_NAME))
            .filter(r -> r.getState() == RecordingState.RUNNING)
            .toList();
    assertThat(ours).hasSize(1);
    return ours.get(0).getId();
  }

  private static long endedThread() throws InterruptedException {
    Thread thread = Thread.ofPlatform().start(() -> {});
    thread.join();
    return thread.threadId();
  }

  private static void jcmdStop(long recordingId) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process process =
          new ProcessBuilder(
                  jcmd.toString(),
                  Long.toString(ProcessHandle.current().pid()),
                  "JFR.stop",
                  "name=" + recordingId)
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(output).contains("Stopped recording \"" + LiveStreamSource.RECORDING_NAME + "\"");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until {@code condition} holds, for up to a minute: a slow machine only waits longer. */
  private static void poll(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited a minute in vain for " + what);
      }
      Thread.sleep(5);
    }
  }

  private static ThreadEventListener listener(List<ThreadEvent> events, CountDownLatch flushed) {
    return new ThreadEventListener() {
      @Override
      public void onEvent(ThreadEvent event) {
        events.add(event);
      }

      @Override
      public void onFlush() {
        flushed.countDown();
      }
    };
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
