package org.jfrthreads.analyzer.sampler;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.stream.internal.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the states, wait reasons and top application frames of all platform threads on a daemon
 * thread of its own, and keeps the latest {@link ThreadStateSample} for readers.
 *
 * <pre>{@code
 * ThreadStateSampler sampler = ThreadStateSampler.builder()
 *     .interval(Duration.ofSeconds(15))
 *     .libraryPackages("io.netty.")
 *     .build();
 * sampler.start();
 * ThreadStateSample latest = sampler.latest();   // any thread, never calls the JVM
 * sampler.close();
 * }</pre>
 *
 * <h2>Cost</h2>
 *
 * <p>A pass is one {@code ThreadMXBean.getAllThreadIds()} and one {@code getThreadInfo(ids,
 * stackDepth)}, the cheapest calls that give state, lock and top frames: no locked monitors or
 * synchronizers are collected. Walking stacks is what costs. Measured on JDK 25 with 10,000 parked
 * platform threads, best of 15 passes, in two runs on 2 cores shared with other work: 5 to 15 ms at
 * depth 0, 61 to 116 ms at depth 8, 68 to 139 ms at depth 16; one {@code dumpAllThreads(false,
 * false)} took 79 and 275 ms. The default depth, 8, reaches the caller of {@code
 * ReentrantLock.lock} (six JDK frames deep) or of a monitor; depth 0 gives states and wait reasons
 * only, at about a tenth of the cost. A {@link CostGuard cost guard} stretches the interval when a
 * pass costs more than its budget (default 1 % of the interval: 150 ms at 15 s), and {@link
 * SamplerStatistics} says so.
 *
 * <h2>Threading</h2>
 *
 * <p>Passes run on one daemon thread, {@code jfr-threads-state-sampler}. {@link #latest()} reads a
 * volatile reference and may be called from any thread, for example a scrape. {@link #start()} and
 * {@link #close()} may be called from any thread; close is idempotent. A failing pass is logged and
 * counted in {@link SamplerStatistics#failures()}; the sampler keeps its schedule.
 */
public final class ThreadStateSampler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ThreadStateSampler.class);
  private static final long MIN_LOOK_GAP_NANOS = 60_000_000_000L;
  private static final int TOP_EVIDENCE_FRAMES = 3;

  private final ThreadMXBean threads;
  private final VirtualSchedulerProbe virtualScheduler;
  private final LongSupplier nanoTicker;
  private final LongSupplier epochClock;
  private final int stackDepth;
  private final ThreadInfoSummary summary;
  private final CostGuard guard;
  private final VirtualThreadDump dump; // null: dumps off
  private final CostGuard dumpGuard;
  private final long maxLiveVirtualThreads;
  private final LongSupplier liveVirtualThreads;
  private final Object lifecycle = new Object();
  private ScheduledExecutorService executor; // guarded by lifecycle
  private volatile long threadId = -1;
  private volatile long dumpCpuNanos; // written by the sampler thread only
  private boolean closed; // guarded by lifecycle
  // Written by the pass in progress only; passes never overlap.
  private long passes;
  private long failures;
  private boolean dumpScheduled;
  private long nextDumpTick;
  private long dumps;
  private long dumpsSkipped;
  private long dumpFailures;
  private VirtualThreadStates virtualStates = VirtualThreadStates.NONE;
  private boolean looked;
  private long lastLookTick;
  private volatile ThreadStateSample latest = ThreadStateSample.EMPTY;

  private ThreadStateSampler(Builder builder) {
    this.threads = builder.threads != null ? builder.threads : ManagementFactory.getThreadMXBean();
    this.virtualScheduler =
        builder.virtualScheduler != null
            ? builder.virtualScheduler
            : VirtualSchedulerProbe.ofPlatform();
    this.nanoTicker = builder.nanoTicker;
    this.epochClock = builder.epochClock;
    this.stackDepth = builder.stackDepth;
    this.summary = new ThreadInfoSummary(builder.libraryPackages, builder.topN, stackDepth > 0);
    this.guard =
        new CostGuard(builder.interval.toNanos(), builder.maxInterval.toNanos(), builder.budget);
    if (builder.dumpInterval != null) {
      this.dump = VirtualThreadDump.ofPlatform(builder.libraryPackages, builder.topN);
      this.dumpGuard =
          new CostGuard(
              builder.dumpInterval.toNanos(),
              Math.max(builder.dumpInterval.toNanos(), Duration.ofHours(1).toNanos()),
              builder.budget);
    } else {
      this.dump = null;
      this.dumpGuard = null;
    }
    this.maxLiveVirtualThreads = builder.maxLiveVirtualThreads;
    this.liveVirtualThreads = builder.liveVirtualThreads;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Takes a first pass now on the sampler thread, then one per interval.
   *
   * @throws IllegalStateException if already started or closed
   */
  public void start() {
    synchronized (lifecycle) {
      if (closed || executor != null) {
        throw new IllegalStateException(
            "ThreadStateSampler already " + (closed ? "closed" : "started") + ". Build a new one.");
      }
      executor =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "jfr-threads-state-sampler");
                thread.setDaemon(true);
                threadId = thread.threadId();
                return thread;
              });
      executor.execute(this::passAndReschedule);
    }
  }

  /**
   * The id of the sampler thread, for {@code ThreadMXBean.getThreadCpuTime}: what sampling costs,
   * dumps included; {@code -1} before {@link #start()}.
   *
   * @since 0.2
   */
  public long threadId() {
    return threadId;
  }

  /**
   * CPU time the sampler thread spent in virtual-thread dumps so far, in nanoseconds; 0 when dumps
   * are off or the JVM cannot measure thread CPU time. Any thread.
   *
   * @since 0.2
   */
  public long dumpCpuNanos() {
    return dumpCpuNanos;
  }

  /** The latest sample, {@link ThreadStateSample#EMPTY} before the first pass; never blocks. */
  public ThreadStateSample latest() {
    return latest;
  }

  /** Stops sampling; the latest sample stays readable. Idempotent. */
  @Override
  public void close() {
    synchronized (lifecycle) {
      closed = true;
      if (executor != null) {
        executor.shutdownNow();
      }
    }
  }

  // Reschedules even after an Error (a pass runs out of memory, say), which it logs and rethrows.
  private void passAndReschedule() {
    long nextNanos = guard.intervalNanos();
    try {
      nextNanos = sampleNow().statistics().intervalNanos();
    } catch (Error e) {
      LOG.error("Thread state sampling failed; trying again at the next interval.", e);
      throw e;
    } finally {
      synchronized (lifecycle) {
        if (!closed) {
          try {
            executor.schedule(this::passAndReschedule, nextNanos, TimeUnit.NANOSECONDS);
          } catch (RejectedExecutionException e) {
            // Closed meanwhile.
          }
        }
      }
    }
  }

  /**
   * Takes one pass in the calling thread and publishes it. Package private: the sampler thread
   * calls it, and tests do; passes must not overlap.
   */
  ThreadStateSample sampleNow() {
    long begin = nanoTicker.getAsLong();
    ThreadStateSample sample;
    try {
      long taken = epochClock.getAsLong();
      ThreadInfo[] infos = threads.getThreadInfo(threads.getAllThreadIds(), stackDepth);
      sample = summary.summarize(taken, infos, virtualScheduler.read());
      passes++;
    } catch (RuntimeException e) {
      failures++;
      if (failures == 1) {
        LOG.warn("Thread state sampling failed; keeping the previous sample and the schedule.", e);
      } else {
        LOG.debug("Thread state sampling failed again ({} failures).", failures, e);
      }
      sample = latest;
    }
    long cost = nanoTicker.getAsLong() - begin;
    guard.passed(cost);
    sample =
        sample.withStatistics(
            new SamplerStatistics(
                passes, cost, guard.intervalNanos(), guard.stretched(), failures));
    if (dump != null) {
      sample = sample.withVirtualStates(dumpIfDue());
    }
    latest = sample;
    return sample;
  }

  // A dump has its own interval and cost guard, and is skipped above the cap on live threads.
  private VirtualThreadStates dumpIfDue() {
    if (!dumpScheduled || nanoTicker.getAsLong() - nextDumpTick >= 0) {
      dumpNow(null);
    }
    return virtualStates;
  }

  /**
   * Takes a dump now unless more virtual threads are live than the cap, keeps its states, and
   * schedules the next one a guarded interval later; returns its counts, {@code null} if none was
   * taken or it failed. Sampler thread only.
   */
  private VirtualThreadDump.Counts dumpNow(String suspected) {
    long begin = nanoTicker.getAsLong();
    VirtualThreadStates last = virtualStates;
    long cost = last.lastDumpNanos();
    VirtualThreadDump.Counts counts = null;
    long taken = last.takenEpochNanos();
    if (liveVirtualThreads.getAsLong() > maxLiveVirtualThreads) {
      dumpsSkipped++;
    } else {
      taken = epochClock.getAsLong();
      long cpuBegin = currentThreadCpuNanos();
      try {
        counts = dump.take(suspected);
        dumps++;
      } catch (IOException | RuntimeException e) {
        dumpFailures++;
        LOG.warn(
            "Virtual thread dump failed ({} failures); keeping the states of the last dump.",
            dumpFailures,
            e);
      }
      dumpCpuNanos += Math.max(0, currentThreadCpuNanos() - cpuBegin);
      cost = nanoTicker.getAsLong() - begin;
      dumpGuard.passed(cost);
    }
    virtualStates =
        counts == null
            ? new VirtualThreadStates(
                last.takenEpochNanos(),
                last.byState(),
                last.topFrames(),
                last.withoutState(),
                dumps,
                cost,
                dumpGuard.intervalNanos(),
                dumpsSkipped,
                dumpFailures,
                last.byContainer(),
                last.byGroup())
            : new VirtualThreadStates(
                taken,
                counts.byState(),
                counts.topFrames(),
                counts.withoutState(),
                dumps,
                cost,
                dumpGuard.intervalNanos(),
                dumpsSkipped,
                dumpFailures,
                counts.byContainer(),
                counts.byGroup());
    dumpScheduled = true;
    nextDumpTick = nanoTicker.getAsLong() + dumpGuard.intervalNanos();
    return counts;
  }

  /**
   * Looks at the virtual threads of a suspected leak: takes a virtual-thread dump now, on the
   * sampler thread, and tells {@code answer} the top application frames of the live virtual threads
   * of {@code group}, e.g. {@code "top frames of 12 of them: com.example.Sessions.open (12)"}. Fits
   * {@link org.jfrthreads.analyzer.ThreadEventAnalyzer#virtualEvidenceFrom}.
   *
   * <p>It is the next periodic dump brought forward, under the same cap on live virtual threads and
   * the same cost guard (the periodic one after it comes a guarded interval later), and at most one
   * look a minute is taken. The answer is empty ({@code ""}) when dumps are off, the sampler is not
   * running, the last look was less than a minute ago, or the dump was skipped or failed.
   *
   * <p>Returns at once, from any thread. {@code answer} is called once: on the sampler thread, or
   * on the calling thread when there is nothing to look with; it must be quick and must not block.
   *
   * @param group a group of {@link VirtualThreadStates#byGroup()}, a container, or {@code "all"}
   *     for every virtual thread; not {@code null}
   * @param answer told the frames, not {@code null}
   * @since 0.2
   */
  public void lookAtVirtualThreads(String group, Consumer<String> answer) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(answer, "answer");
    if (dump != null) {
      synchronized (lifecycle) {
        if (executor != null && !closed) {
          try {
            executor.execute(() -> answer(answer, evidence(group)));
            return;
          } catch (RejectedExecutionException e) {
            // Closed meanwhile.
          }
        }
      }
    }
    answer(answer, "");
  }

  private static void answer(Consumer<String> answer, String evidence) {
    try {
      answer.accept(evidence);
    } catch (RuntimeException e) {
      LOG.debug("A look at suspected virtual threads could not be told; ignored.", e);
    }
  }

  // Sampler thread; never overlaps a pass.
  private String evidence(String group) {
    long now = nanoTicker.getAsLong();
    if (looked && now - lastLookTick < MIN_LOOK_GAP_NANOS) {
      return "";
    }
    looked = true;
    lastLookTick = now;
    VirtualThreadDump.Counts counts = dumpNow(group);
    latest = latest.withVirtualStates(virtualStates);
    return counts == null ? "" : describe(counts.suspectedFrames());
  }

  /** {@code "top frames of N of them: A (n), B (m), C (k)"}, or empty if there are none. */
  static String describe(Map<String, Long> byFrame) {
    long threads = byFrame.values().stream().mapToLong(Long::longValue).sum();
    if (threads == 0) {
      return "";
    }
    return "top frames of "
        + threads
        + " of them: "
        + byFrame.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(TOP_EVIDENCE_FRAMES)
            .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
            .collect(Collectors.joining(", "));
  }

  private long currentThreadCpuNanos() {
    return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
  }

  private static long wallClockEpochNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** Builds a {@link ThreadStateSampler}; every setter validates its argument. */
  public static final class Builder {
    /**
     * The default time between passes. (Here rather than in the sampler so that reading it loads no
     * logger: the agent reads its settings before it configures its log.)
     */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);

    private Duration interval = DEFAULT_INTERVAL;
    private Duration maxInterval; // null: the longer of 15 minutes and the interval
    private double budget = 0.01;
    private int stackDepth = 8;
    private int topN = 20;
    private final List<String> libraryPackages =
        new ArrayList<>(AnalyzerConfig.DEFAULT_LIBRARY_PACKAGES);
    private ThreadMXBean threads;
    private VirtualSchedulerProbe virtualScheduler;
    private LongSupplier nanoTicker = System::nanoTime;
    private Duration dumpInterval; // null: off
    private long maxLiveVirtualThreads;
    private LongSupplier liveVirtualThreads;
    private LongSupplier epochClock = ThreadStateSampler::wallClockEpochNanos;

    private Builder() {}

    /** Time between passes, 1 s to 1 h; default 15 s. */
    public Builder interval(Duration interval) {
      this.interval = checkSpan("interval", interval);
      return this;
    }

    /**
     * The longest the cost guard may stretch the interval to, 1 s to 1 h and at least the interval;
     * default 15 minutes, or the interval if longer.
     */
    public Builder maxInterval(Duration maxInterval) {
      this.maxInterval = checkSpan("maxInterval", maxInterval);
      return this;
    }

    /** The share of the interval a pass may cost, above 0 and at most 1; default 0.01 (1 %). */
    public Builder budget(double budget) {
      if (!(budget > 0 && budget <= 1)) {
        throw new IllegalArgumentException(
            budget + ": illegal budget. Expecting above 0, at most 1.");
      }
      this.budget = budget;
      return this;
    }

    /**
     * Frames taken per thread to find its top application frame, 0 (no frames: states and wait
     * reasons only, about a tenth of the cost) to 64; default 8.
     */
    public Builder stackDepth(int stackDepth) {
      this.stackDepth = checkRange("stackDepth", stackDepth, 0, 64);
      return this;
    }

    /** Lock classes and frames kept before folding into other, 1 to 1000; default 20. */
    public Builder topN(int topN) {
      this.topN = checkRange("topN", topN, 1, 1000);
      return this;
    }

    /**
     * Adds class-name prefixes of libraries whose frames are skipped when looking for the top
     * application frame (those of {@link AnalyzerConfig#DEFAULT_LIBRARY_PACKAGES} always are).
     */
    public Builder libraryPackages(String... prefixes) {
      for (String prefix : prefixes) {
        if (Objects.requireNonNull(prefix, "prefix").isBlank()) {
          throw new IllegalArgumentException("\"\": illegal package prefix. Expecting a name.");
        }
        libraryPackages.add(prefix);
      }
      return this;
    }

    /**
     * Turns on periodic virtual-thread dumps ({@code HotSpotDiagnosticMXBean.dumpThreads}, JSON),
     * giving virtual threads by state and top application frame in {@link
     * ThreadStateSample#virtualStates()}. Off by default: a dump costs time and memory in
     * proportion to the number of threads, so it is taken only while at most {@code
     * maxLiveVirtualThreads} are live, and its interval is stretched by the same cost guard as
     * passes (same budget, up to 1 h). Dumps run on the sampler thread after a pass that is due.
     * Measured on JDK 25 with 10,000 parked virtual threads, on 2 cores under other load: {@code
     * dumpThreads} took 0.3 to 1.5 s and wrote 11 MB of JSON; reading and counting it took 0.2 to
     * 0.9 s more.
     *
     * @param interval time between dumps, 1 s to 1 h, for example 5 minutes
     * @param maxLiveVirtualThreads skip a dump while more virtual threads than this are live, 0 or
     *     more, for example 10,000
     * @param liveVirtualThreads live virtual threads now, for example from the analyzer's last
     *     snapshot; called on the sampler thread, must not block
     */
    public Builder virtualThreadDump(
        Duration interval, long maxLiveVirtualThreads, LongSupplier liveVirtualThreads) {
      this.dumpInterval = checkSpan("dump interval", interval);
      if (maxLiveVirtualThreads < 0) {
        throw new IllegalArgumentException(
            maxLiveVirtualThreads + ": illegal maxLiveVirtualThreads. Expecting 0 or more.");
      }
      this.maxLiveVirtualThreads = maxLiveVirtualThreads;
      this.liveVirtualThreads = Objects.requireNonNull(liveVirtualThreads, "liveVirtualThreads");
      return this;
    }

    /** Package private. For testing only: replaces the library prefixes, JDK ones included. */
    Builder onlyLibraryPackages(List<String> prefixes) {
      libraryPackages.clear();
      libraryPackages.addAll(prefixes);
      return this;
    }

    /** Package private. For testing only. */
    Builder threads(ThreadMXBean threads) {
      this.threads = Objects.requireNonNull(threads, "threads");
      return this;
    }

    /** Package private. For testing only. */
    Builder virtualScheduler(VirtualSchedulerProbe virtualScheduler) {
      this.virtualScheduler = Objects.requireNonNull(virtualScheduler, "virtualScheduler");
      return this;
    }

    /** Package private. For testing only: the ticker that times passes, in nanoseconds. */
    Builder nanoTicker(LongSupplier nanoTicker) {
      this.nanoTicker = Objects.requireNonNull(nanoTicker, "nanoTicker");
      return this;
    }

    /** Package private. For testing only: the time of a sample, in nanoseconds since the epoch. */
    Builder epochClock(LongSupplier epochClock) {
      this.epochClock = Objects.requireNonNull(epochClock, "epochClock");
      return this;
    }

    public ThreadStateSampler build() {
      if (maxInterval == null) {
        maxInterval =
            interval.compareTo(Duration.ofMinutes(15)) > 0 ? interval : Duration.ofMinutes(15);
      } else if (maxInterval.compareTo(interval) < 0) {
        throw new IllegalArgumentException(
            Durations.format(maxInterval)
                + ": illegal maxInterval. Expecting at least the interval ("
                + Durations.format(interval)
                + ").");
      }
      return new ThreadStateSampler(this);
    }

    private static Duration checkSpan(String name, Duration span) {
      Objects.requireNonNull(span, name);
      if (span.compareTo(Duration.ofSeconds(1)) < 0 || span.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            Durations.format(span) + ": illegal " + name + ". Expecting 1 s to 1 h.");
      }
      return span;
    }

    private static int checkRange(String name, int value, int min, int max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            value + ": illegal " + name + ". Expecting " + min + " to " + max + ".");
      }
      return value;
    }
  }
}
