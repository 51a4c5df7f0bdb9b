package org.jfrthreads.analyzer.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.example.workload.Inventory;
import com.example.workload.Ledger;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThreadStateSamplerTest {

  private static final int THREADS = 4;
  private static final long MS = 1_000_000L;

  private final List<Thread> started = new ArrayList<>();

  @AfterEach
  void joinThreads() throws InterruptedException {
    for (Thread thread : started) {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    }
  }

  @Test
  void threadsBlockedOnAMonitorShowUnderItsClassAndTheFrameTheyBlockIn() throws Exception {
    Ledger ledger = new Ledger();
    ThreadStateSample sample;
    synchronized (ledger) {
      startAndAwait(ledger::post, Thread.State.BLOCKED);
      sample = ThreadStateSampler.builder().build().sampleNow();
    }

    assertThat(sample.waitingOn("com.example.workload.Ledger", Thread.State.BLOCKED))
        .isEqualTo(THREADS);
    assertThat(sample.topFrame("com.example.workload.Ledger.post", Thread.State.BLOCKED))
        .isEqualTo(THREADS);
    assertThat(sample.threads(Thread.State.BLOCKED)).isGreaterThanOrEqualTo(THREADS);
    assertCountsAddUp(sample);
  }

  @Test
  void threadsWaitingOnAReentrantLockShowUnderItsSyncClassAndTheCallerOfLock() throws Exception {
    Inventory inventory = new Inventory();
    ThreadStateSample sample;
    inventory.lock.lock();
    try {
      startAndAwait(inventory::reserve, Thread.State.WAITING);
      sample = ThreadStateSampler.builder().build().sampleNow();
    } finally {
      inventory.lock.unlock();
    }

    assertThat(
            sample.waitingOn(
                "java.util.concurrent.locks.ReentrantLock$NonfairSync", Thread.State.WAITING))
        .isEqualTo(THREADS);
    assertThat(sample.topFrame("com.example.workload.Inventory.reserve", Thread.State.WAITING))
        .isEqualTo(THREADS);
    assertCountsAddUp(sample);
  }

  @Test
  void withoutStacksWaitReasonsAreStillCountedButNoFrames() throws Exception {
    Ledger ledger = new Ledger();
    ThreadStateSample sample;
    synchronized (ledger) {
      startAndAwait(ledger::post, Thread.State.BLOCKED);
      sample = ThreadStateSampler.builder().stackDepth(0).build().sampleNow();
    }

    assertThat(sample.waitingOn("com.example.workload.Ledger", Thread.State.BLOCKED))
        .isEqualTo(THREADS);
    assertThat(sample.topFrames()).isEmpty();
  }

  @Test
  void labelsBeyondTopNFoldIntoOtherPerState() throws Exception {
    Ledger ledger = new Ledger();
    ThreadStateSample sample;
    synchronized (ledger) {
      startAndAwait(ledger::post, Thread.State.BLOCKED);
      sample = ThreadStateSampler.builder().topN(1).build().sampleNow();
    }

    assertThat(sample.waitingOn())
        .extracting(StateCount::label)
        .containsOnly(sample.waitingOn().get(0).label(), "other");
    assertThat(sample.topFrames().stream().map(StateCount::label).distinct().count())
        .isLessThanOrEqualTo(2);
    assertCountsAddUp(sample);
  }

  @Test
  void costGuardStretchesTheIntervalWhenAPassCostsMoreThanItsBudget() {
    Deque<Long> ticks = new ArrayDeque<>();
    ThreadStateSampler sampler =
        ThreadStateSampler.builder()
            .interval(Duration.ofSeconds(15))
            .nanoTicker(ticks::removeFirst)
            .build();

    ticks.addAll(List.of(0L, 100 * MS)); // 100 ms: within 1 % of 15 s
    SamplerStatistics cheap = sampler.sampleNow().statistics();
    ticks.addAll(List.of(1_000 * MS, 1_300 * MS)); // 300 ms: twice the budget
    SamplerStatistics costly = sampler.sampleNow().statistics();
    ticks.addAll(List.of(2_000 * MS, 2_050 * MS)); // 50 ms
    SamplerStatistics cheapAgain = sampler.sampleNow().statistics();

    assertThat(cheap).isEqualTo(new SamplerStatistics(1, 100 * MS, 15_000 * MS, 0, 0));
    assertThat(costly).isEqualTo(new SamplerStatistics(2, 300 * MS, 30_000 * MS, 1, 0));
    assertThat(cheapAgain).isEqualTo(new SamplerStatistics(3, 50 * MS, 15_000 * MS, 1, 0));
  }

  @Test
  void readingTheLatestSampleNeverCallsTheThreadBean() {
    int[] calls = {0};
    ThreadMXBean real = ManagementFactory.getThreadMXBean();
    ThreadMXBean counting =
        (ThreadMXBean)
            Proxy.newProxyInstance(
                ThreadMXBean.class.getClassLoader(),
                new Class<?>[] {ThreadMXBean.class},
                (proxy, method, args) -> {
                  calls[0]++;
                  return method.invoke(real, args);
                });
    ThreadStateSampler sampler = ThreadStateSampler.builder().threads(counting).build();
    sampler.sampleNow();
    int callsPerPass = calls[0];

    for (int i = 0; i < 1000; i++) {
      sampler.latest();
    }

    assertThat(callsPerPass).isEqualTo(2); // getAllThreadIds, getThreadInfo
    assertThat(calls[0]).isEqualTo(callsPerPass);
  }

  @Test
  void failingPassIsCountedAndKeepsThePreviousSample() {
    ThreadMXBean failing =
        (ThreadMXBean)
            Proxy.newProxyInstance(
                ThreadMXBean.class.getClassLoader(),
                new Class<?>[] {ThreadMXBean.class},
                (proxy, method, args) -> {
                  throw new UnsupportedOperationException("no threads here");
                });
    ThreadStateSampler sampler = ThreadStateSampler.builder().threads(failing).build();

    ThreadStateSample sample = sampler.sampleNow();

    assertThat(sample.statistics().failures()).isEqualTo(1);
    assertThat(sample.statistics().passes()).isZero();
    assertThat(sample.byState()).isEqualTo(ThreadStateSample.EMPTY.byState());
    assertThat(sampler.latest()).isSameAs(sample);
  }

  @Test
  void startedSamplerPassesOnItsOwnDaemonThread() throws Exception {
    try (ThreadStateSampler sampler = ThreadStateSampler.builder().build()) {
      sampler.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sampler.latest().statistics().passes() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }

      ThreadStateSample sample = sampler.latest();
      assertThat(sample.statistics().passes()).isEqualTo(1);
      // At least the sampler thread itself was running.
      assertThat(sample.threads(Thread.State.RUNNABLE)).isPositive();
      Thread samplerThread =
          Thread.getAllStackTraces().keySet().stream()
              .filter(thread -> thread.getName().equals("jfr-threads-state-sampler"))
              .findFirst()
              .orElseThrow();
      assertThat(samplerThread.isDaemon()).isTrue();
      assertThatExceptionOfType(IllegalStateException.class)
          .isThrownBy(sampler::start)
          .withMessage("ThreadStateSampler already started. Build a new one.");
    }
  }

  @Test
  void virtualSchedulerIsReadWhereTheJvmHasIt() {
    VirtualSchedulerProbe probe = VirtualSchedulerProbe.ofPlatform();

    assertThat(probe.available()).isEqualTo(Runtime.version().feature() >= 24);
    VirtualSchedulerCounts counts = probe.read();
    assertThat(counts.available()).isEqualTo(probe.available());
    assertThat(counts.mounted()).isNotNegative();
    assertThat(counts.queued()).isNotNegative();
  }

  @Test
  void parkedVirtualThreadsAreLiveMinusMountedMinusQueued() {
    assertThat(new VirtualSchedulerCounts(true, 3, 2).parked(100)).isEqualTo(95);
    assertThat(new VirtualSchedulerCounts(true, 3, 2).parked(4)).isZero();
    assertThat(VirtualSchedulerCounts.UNAVAILABLE.parked(100)).isZero();
  }

  @Test
  void builderRejectsABudgetOfZero() {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> ThreadStateSampler.builder().budget(0))
        .withMessage("0.0: illegal budget. Expecting above 0, at most 1.");
  }

  @Test
  void builderRejectsAMaxIntervalShorterThanTheInterval() {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(
            () ->
                ThreadStateSampler.builder()
                    .interval(Duration.ofMinutes(2))
                    .maxInterval(Duration.ofMinutes(1))
                    .build())
        .withMessage("1m: illegal maxInterval. Expecting at least the interval (2m).");
  }

  private void startAndAwait(Runnable work, Thread.State state) throws InterruptedException {
    for (int i = 0; i < THREADS; i++) {
      Thread thread = new Thread(work, "sampled-" + i);
      thread.setDaemon(true);
      thread.start();
      started.add(thread);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!started.stream().allMatch(thread -> thread.getState() == state)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("threads never reached " + state);
      }
      Thread.sleep(1);
    }
  }

  private static void assertCountsAddUp(ThreadStateSample sample) {
    for (Thread.State state : Thread.State.values()) {
      long frames =
          sample.topFrames().stream()
              .filter(c -> c.state() == state)
              .mapToLong(StateCount::threads)
              .sum();
      if (!sample.topFrames().isEmpty()) {
        assertThat(frames).as("frames of %s", state).isEqualTo(sample.threads(state));
      }
    }
    long waiting =
        sample.threads(Thread.State.BLOCKED)
            + sample.threads(Thread.State.WAITING)
            + sample.threads(Thread.State.TIMED_WAITING);
    assertThat(sample.waitingOn().stream().mapToLong(StateCount::threads).sum()).isEqualTo(waiting);
  }
}
