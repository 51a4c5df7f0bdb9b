package org.jfrthreads.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
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
