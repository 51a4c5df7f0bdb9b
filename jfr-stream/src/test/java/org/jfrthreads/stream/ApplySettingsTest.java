package org.jfrthreads.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

/** Settings applied to a running live source: JFR records by them and the source filters. */
class ApplySettingsTest {

  @Test
  void sheddingVirtualLifecycleStopsTheirStartsAndBringingItBackResumesThem() throws Exception {
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    try (ThreadEventSource source = ThreadEventSources.thisJvm(ThreadEventSettings.defaults())) {
      source.start(
          event -> {
            if (event instanceof ThreadStarted start && start.virtual()) {
              seen.add(start.threadId());
            }
          });
      List<Long> before = startAndJoin(100);
      assertThat(awaitSeen(seen, before)).as("first batch seen").isTrue();

      boolean shed =
          source.applySettings(ThreadEventSettings.builder().virtualThreadLifecycle(false).build());
      List<Long> whileShed = startAndJoin(100);
      boolean back = source.applySettings(ThreadEventSettings.defaults());
      List<Long> after = startAndJoin(100);
      assertThat(awaitSeen(seen, after)).as("batch after the return seen").isTrue();

      assertThat(shed).isTrue();
      assertThat(back).isTrue();
      assertThat(seen).doesNotContainAnyElementsOf(whileShed);
    }
  }

  @Test
  void aRaisedThresholdDropsShorterEventsEvenWhenAnotherRecordingAsksForThem() throws Exception {
    List<ThreadEvent> events = new CopyOnWriteArrayList<>();
    try (Recording lowerThreshold = new Recording();
        ThreadEventSource source = ThreadEventSources.thisJvm(ThreadEventSettings.defaults())) {
      lowerThreshold.enable("jdk.ThreadSleep").withThreshold(Duration.ZERO);
      lowerThreshold.start();
      source.start(events::add);

      source.applySettings(
          ThreadEventSettings.builder()
              .threshold(BlockingKind.SLEEP, Duration.ofMillis(200))
              .build());
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
  void aLiveSourceNamesItsDispatchThreadOnceStarted() throws Exception {
    try (ThreadEventSource source = ThreadEventSources.thisJvm(ThreadEventSettings.defaults())) {
      assertThat(source.dispatchThreadId()).isEqualTo(-1);
      source.start(event -> {});

      assertThat(source.dispatchThreadId()).isPositive();
    }
  }

  private static List<Long> startAndJoin(int count) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      threads.add(Thread.ofVirtual().start(() -> {}));
    }
    List<Long> ids = new ArrayList<>();
    for (Thread thread : threads) {
      thread.join();
      ids.add(thread.threadId());
    }
    return ids;
  }

  private static boolean awaitSeen(Set<Long> seen, List<Long> ids) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!seen.containsAll(ids)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
