package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.workload.VirtualParker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jfrthreads.analyzer.sampler.ThreadStateSampler;
import org.junit.jupiter.api.Test;

/**
 * A real leak of virtual threads, all waiting in one application method, seen through real
 * virtual-thread dumps: the detector names the method, and the episode's notice says what the
 * suspected threads are doing, from one dump taken when it started. Time is simulated, one second
 * per dump, so that the detector's windows (shortened here) fill without waiting for them.
 */
class VirtualThreadLeakTest {

  private static final long SECOND = 1_000_000_000L;
  private static final String FRAME = "com.example.workload.VirtualParker.awaitRelease";
  private static final LeakDetectorConfig QUICK =
      LeakDetectorConfig.builder()
          .baselineWindow(Duration.ofSeconds(3))
          .floorSamples(1)
          .trendSamples(10)
          .slowWindows()
          .build();

  @Test
  void aVirtualThreadLeakIsNamedByTheFrameItsThreadsWaitInAndItsNoticeSaysWhatTheyDo()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<Thread> leaked = new ArrayList<>();
    List<String> looks = new CopyOnWriteArrayList<>();
    RecordingLeakListener episodes = new RecordingLeakListener();
    long[] now = {0};
    ThreadEventAnalyzer analyzer =
        new ThreadEventAnalyzer(
            AnalyzerConfig.builder().leakDetection(QUICK).build(), () -> now[0], episodes);
    try (ThreadStateSampler sampler =
        ThreadStateSampler.builder()
            .interval(Duration.ofSeconds(1))
            .budget(1) // a dump a second whatever it costs: time is simulated here
            .stackDepth(0)
            .virtualThreadDump(Duration.ofSeconds(1), 10_000, () -> 0)
            .build()) {
      analyzer.virtualGroupsFrom(() -> sampler.latest().virtualStates().byGroup());
      analyzer.virtualEvidenceFrom(
          (group, answer) -> {
            looks.add(group);
            sampler.lookAtVirtualThreads(group, answer);
          });
      analyzer.publish(); // before the leak: its group appears later, from nothing
      sampler.start();
      for (int second = 1; analyzer.snapshot().leaks().suspected().isEmpty(); second++) {
        leaked.addAll(VirtualParker.park(1, release));
        awaitDumpShowing(sampler, leaked.size());
        now[0] = second * SECOND;
        analyzer.publish();
      }
      // The notice waits for the dump taken at suspicion; publications give it once answered.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (episodes.started.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
        analyzer.publish();
      }

      assertThat(analyzer.snapshot().leaks().suspected())
          .extracting(LeakSeriesState::threadKind, LeakSeriesState::site)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(ThreadKind.VIRTUAL, FRAME));
      assertThat(looks).containsExactly(FRAME);
      assertThat(episodes.started).hasSize(1);
      LeakEpisode episode = episodes.started.getFirst();
      assertThat(episode.series().site()).isEqualTo(FRAME);
      assertThat(episode.evidence()).startsWith("top frames of ").contains(FRAME + " (");
      assertThat(LoggingLeakListener.describeStart(episode))
          .startsWith("Suspected thread leak: virtual threads in " + FRAME + " (their top frame")
          .contains("Suspected threads now: top frames of ");
    } finally {
      release.countDown();
      for (Thread thread : leaked) {
        thread.join();
      }
    }
  }

  @Test
  void withoutALookTheNoticeOfAVirtualThreadEpisodeComesAtOnce() {
    RecordingLeakListener episodes = new RecordingLeakListener();
    long[] now = {0};
    ThreadEventAnalyzer analyzer =
        new ThreadEventAnalyzer(
            AnalyzerConfig.builder().leakDetection(QUICK).build(), () -> now[0], episodes);
    long[] live = {0};
    analyzer.virtualGroupsFrom(
        () -> live[0] == 0 ? java.util.Map.of() : java.util.Map.of(FRAME, live[0]));
    analyzer.publish();
    for (int second = 1; second < 30 && episodes.started.isEmpty(); second++) {
      live[0] = second;
      now[0] = second * SECOND;
      analyzer.publish();
    }

    assertThat(episodes.started)
        .singleElement()
        .satisfies(
            episode -> {
              assertThat(episode.series().site()).isEqualTo(FRAME);
              assertThat(episode.evidence()).isEmpty();
            });
  }

  private static void awaitDumpShowing(ThreadStateSampler sampler, long threads)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (sampler.latest().virtualStates().byGroup().getOrDefault(FRAME, 0L) < threads) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no dump showed " + threads + " threads in " + FRAME);
      }
      Thread.sleep(10);
    }
  }
}
