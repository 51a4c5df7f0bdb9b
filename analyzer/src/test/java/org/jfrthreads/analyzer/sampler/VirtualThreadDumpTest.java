package org.jfrthreads.analyzer.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.workload.VirtualParker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.junit.jupiter.api.Test;

class VirtualThreadDumpTest {

  private static final int THREADS = 5;

  @Test
  void frameLabelDropsLoaderModuleAndPosition() {
    assertThat(VirtualThreadDump.frameLabel("java.base/java.lang.Thread.run(Thread.java:1474)"))
        .isEqualTo("java.lang.Thread.run");
    assertThat(VirtualThreadDump.frameLabel("com.foo.loader/foo@9.0/com.foo.Main.run(Main.java:1)"))
        .isEqualTo("com.foo.Main.run");
    assertThat(VirtualThreadDump.frameLabel("app//com.example.App.run(App.java:12)"))
        .isEqualTo("com.example.App.run");
    assertThat(VirtualThreadDump.frameLabel("Main.main(Unknown Source)")).isEqualTo("Main.main");
  }

  @Test
  void countsOnlyVirtualThreadsByStateAndTopApplicationFrame() throws Exception {
    String json =
        """
        {"threadDump": {"threadContainers": [
          {"container": "<root>", "threads": [
            {"tid": "1", "state": "RUNNABLE", "stack": ["com.example.Main.main(Main.java:3)"]},
            {"tid": "2", "virtual": true, "state": "WAITING", "stack": [
              "java.base\\/java.lang.VirtualThread.park(VirtualThread.java:742)",
              "com.example.Orders.fanOut(Orders.java:9)"]},
            {"tid": "3", "virtual": true, "state": "WAITING", "stack": [
              "java.base\\/java.lang.VirtualThread.park(VirtualThread.java:742)"]},
            {"tid": "4", "virtual": true, "stack": []}
          ]}
        ]}}
        """;

    VirtualThreadDump.Counts counts =
        new VirtualThreadDump(null, AnalyzerConfig.DEFAULT_LIBRARY_PACKAGES, 10).count(json);

    assertThat(counts.byState()).isEqualTo(java.util.Map.of(Thread.State.WAITING, 2L));
    assertThat(counts.topFrames())
        .containsExactly(
            new StateCount("com.example.Orders.fanOut", Thread.State.WAITING, 1),
            new StateCount("unknown", Thread.State.WAITING, 1));
    assertThat(counts.withoutState()).isEqualTo(1);
    assertThat(counts.byContainer()).isEqualTo(java.util.Map.of("<root>", 3L));
  }

  @Test
  void groupsVirtualThreadsByContainerWithoutItsIdentityHashWhereverItsNameComes()
      throws Exception {
    String json =
        """
        {"threadDump": {"processId": "1", "threadContainers": [
          {"threads": [
            {"tid": "7", "virtual": true, "state": "WAITING", "stack": []},
            {"tid": "8", "virtual": true, "state": "WAITING", "stack": []}],
           "container": "java.util.concurrent.ThreadPerTaskExecutor@5a07e868"},
          {"container": "java.util.concurrent.ThreadPerTaskExecutor@1b2c3d4e", "threads": [
            {"tid": "9", "virtual": true, "state": "RUNNABLE", "stack": []}]}
        ]}}
        """;

    VirtualThreadDump.Counts counts =
        new VirtualThreadDump(null, AnalyzerConfig.DEFAULT_LIBRARY_PACKAGES, 10).count(json);

    assertThat(counts.byContainer())
        .isEqualTo(java.util.Map.of("java.util.concurrent.ThreadPerTaskExecutor", 3L));
  }

  @Test
  void groupsVirtualThreadsByTopApplicationFrameElseContainerAndCountsTheFramesOfASuspectedGroup()
      throws Exception {
    String json =
        """
        {"threadDump": {"threadContainers": [
          {"container": "java.util.concurrent.ThreadPerTaskExecutor@5a07e868", "threads": [
            {"tid": "2", "virtual": true, "state": "WAITING", "stack": [
              "java.base\\/java.lang.VirtualThread.park(VirtualThread.java:742)",
              "com.example.Sessions.open(Sessions.java:9)"]},
            {"tid": "3", "virtual": true, "state": "WAITING", "stack": [
              "com.example.Sessions.open(Sessions.java:9)"]},
            {"tid": "4", "virtual": true, "state": "WAITING", "stack": [
              "java.base\\/java.lang.VirtualThread.park(VirtualThread.java:742)"]},
            {"tid": "5", "virtual": true, "state": "RUNNABLE", "stack": [
              "com.example.Orders.fanOut(Orders.java:3)"]}
          ]},
          {"container": "<root>", "threads": [
            {"tid": "6", "virtual": true, "state": "WAITING", "stack": [
              "com.example.Sessions.open(Sessions.java:9)"]}
          ]}
        ]}}
        """;
    VirtualThreadDump dump =
        new VirtualThreadDump(null, AnalyzerConfig.DEFAULT_LIBRARY_PACKAGES, 10);

    VirtualThreadDump.Counts counts =
        dump.count(json, "java.util.concurrent.ThreadPerTaskExecutor");

    assertThat(counts.byGroup())
        .isEqualTo(
            java.util.Map.of(
                "com.example.Sessions.open", 3L,
                "com.example.Orders.fanOut", 1L,
                "java.util.concurrent.ThreadPerTaskExecutor", 1L));
    assertThat(counts.suspectedFrames())
        .isEqualTo(
            java.util.Map.of(
                "com.example.Sessions.open", 2L,
                "com.example.Orders.fanOut", 1L,
                "unknown", 1L));
    assertThat(dump.count(json, "com.example.Sessions.open").suspectedFrames())
        .isEqualTo(java.util.Map.of("com.example.Sessions.open", 3L));
    assertThat(dump.count(json, "all").suspectedFrames().values().stream().mapToLong(n -> n).sum())
        .isEqualTo(5);
    assertThat(dump.count(json).suspectedFrames()).isEmpty();
  }

  @Test
  void groupsKeepOnlyTheLargestAsManyAsTheTopN() throws Exception {
    String json =
        """
        {"threadDump": {"threadContainers": [{"container": "<root>", "threads": [
          {"tid": "2", "virtual": true, "state": "WAITING", "stack": ["com.example.A.a(A.java:1)"]},
          {"tid": "3", "virtual": true, "state": "WAITING", "stack": ["com.example.A.a(A.java:1)"]},
          {"tid": "4", "virtual": true, "state": "WAITING", "stack": ["com.example.B.b(B.java:1)"]}
        ]}]}}
        """;

    assertThat(
            new VirtualThreadDump(null, AnalyzerConfig.DEFAULT_LIBRARY_PACKAGES, 1)
                .count(json)
                .byGroup())
        .isEqualTo(java.util.Map.of("com.example.A.a", 2L));
  }

  @Test
  void aLookAtSuspectedVirtualThreadsTakesOneDumpAndNamesTheirTopFramesAtMostOnceAMinute()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<Thread> threads = VirtualParker.park(THREADS, release);
    try (ThreadStateSampler sampler =
        ThreadStateSampler.builder()
            .virtualThreadDump(Duration.ofMinutes(5), 10_000, () -> THREADS)
            .build()) {
      awaitState(threads, Thread.State.WAITING);
      sampler.start();
      String frame = "com.example.workload.VirtualParker.awaitRelease";

      String first = look(sampler, frame);
      String again = look(sampler, frame);

      assertThat(first).isEqualTo("top frames of " + THREADS + " of them: " + frame + " (5)");
      assertThat(again).isEmpty();
      assertThat(sampler.latest().virtualStates().byGroup()).containsEntry(frame, (long) THREADS);
    } finally {
      release.countDown();
      for (Thread thread : threads) {
        thread.join();
      }
    }
  }

  @Test
  void noLookWhenDumpsAreOff() throws Exception {
    try (ThreadStateSampler sampler = ThreadStateSampler.builder().build()) {
      sampler.start();

      assertThat(look(sampler, "all")).isEmpty();
    }
  }

  private static String look(ThreadStateSampler sampler, String group) throws InterruptedException {
    java.util.concurrent.BlockingQueue<String> answers =
        new java.util.concurrent.LinkedBlockingQueue<>();
    sampler.lookAtVirtualThreads(group, answers::add);
    String answer = answers.poll(30, TimeUnit.SECONDS);
    assertThat(answer).as("answer to a look at %s", group).isNotNull();
    return answer;
  }

  @Test
  void truncatedDumpFailsLoudly() {
    org.assertj.core.api.Assertions.assertThatExceptionOfType(java.io.IOException.class)
        .isThrownBy(
            () ->
                new VirtualThreadDump(null, AnalyzerConfig.DEFAULT_LIBRARY_PACKAGES, 10)
                    .count("{\"threadDump\": {\"threadContainers\": [{\"threads\": ["));
  }

  @Test
  void realVirtualThreadsShowUnderTheFrameTheyWaitIn() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<Thread> threads = VirtualParker.park(THREADS, release);
    try {
      awaitState(threads, Thread.State.WAITING);
      ThreadStateSampler sampler =
          ThreadStateSampler.builder()
              .virtualThreadDump(Duration.ofMinutes(5), 10_000, () -> THREADS)
              .build();

      VirtualThreadStates first = sampler.sampleNow().virtualStates();
      VirtualThreadStates notDueYet = sampler.sampleNow().virtualStates();

      assertThat(
              first.topFrame(
                  "com.example.workload.VirtualParker.awaitRelease", Thread.State.WAITING))
          .isEqualTo(THREADS);
      assertThat(first.threads(Thread.State.WAITING)).isGreaterThanOrEqualTo(THREADS);
      assertThat(first.dumps()).isEqualTo(1);
      assertThat(first.intervalNanos()).isGreaterThanOrEqualTo(Duration.ofMinutes(5).toNanos());
      assertThat(notDueYet).isSameAs(first);
    } finally {
      release.countDown();
      for (Thread thread : threads) {
        thread.join();
      }
    }
  }

  @Test
  void noDumpWhileMoreVirtualThreadsAreLiveThanTheCap() {
    ThreadStateSampler sampler =
        ThreadStateSampler.builder()
            .virtualThreadDump(Duration.ofMinutes(5), 100, () -> 101)
            .build();

    VirtualThreadStates states = sampler.sampleNow().virtualStates();

    assertThat(states.dumps()).isZero();
    assertThat(states.skippedOverCap()).isEqualTo(1);
    assertThat(states.takenEpochNanos()).isZero();
  }

  @Test
  void dumpsAreOffByDefault() {
    assertThat(ThreadStateSampler.builder().build().sampleNow().virtualStates())
        .isEqualTo(VirtualThreadStates.NONE);
  }

  private static void awaitState(List<Thread> threads, Thread.State state)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!threads.stream().allMatch(thread -> thread.getState() == state)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("virtual threads never reached " + state);
      }
      Thread.sleep(1);
    }
  }
}
