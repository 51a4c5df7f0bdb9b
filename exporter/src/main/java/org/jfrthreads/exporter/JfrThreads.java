package org.jfrthreads.exporter;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.analyzer.ThreadActivitySnapshot;
import org.jfrthreads.analyzer.ThreadEventAnalyzer;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.analyzer.sampler.ThreadStateSample;
import org.jfrthreads.analyzer.sampler.ThreadStateSampler;
import org.jfrthreads.stream.SourceStatistics;
import org.jfrthreads.stream.ThreadEventSettings;
import org.jfrthreads.stream.ThreadEventSource;
import org.jfrthreads.stream.ThreadEventSourceException;
import org.jfrthreads.stream.ThreadEventSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every thread of this JVM and publishes what it sees as Prometheus metrics.
 *
 * <pre>{@code
 * JfrThreads threads = JfrThreads.builder().httpPort(9400).start();  // serves /metrics
 * ...
 * threads.close();
 * }</pre>
 *
 * <p>Without {@link Builder#httpPort}, the metrics go to the registry only (the default registry
 * unless {@link Builder#registry} says otherwise) for an existing endpoint to serve.
 *
 * <p>Watching never gets in the application's way. {@link Builder#start()} does not throw for a
 * problem of the environment (JFR disabled, a taken port): it logs one error naming the problem and
 * the fix, carries on with what works, and lists it in {@link #problems()}. The threads it starts
 * are daemons, so the JVM exits normally when {@code main} returns whether or not {@link #close()}
 * was called. Thread-safe.
 *
 * <p>Watching keeps its own CPU use under a budget ({@link Builder#cpuBudget}, by default 1 % of
 * the available processors): when the event stream's dispatch thread, the state sampler and its
 * dumps use more for a while, it sheds load in steps, virtual-thread lifecycle events first, then
 * short blocking events, and steps back once it is cheap again. Each step is logged, and the
 * metrics {@code jfr_threads_governor_level}, {@code jfr_threads_cpu_seconds_total} and {@code
 * jfr_threads_virtual_lifecycle_shed} show it.
 */
public final class JfrThreads implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JfrThreads.class);

  /** The default CPU budget: 1 % of the available processors. */
  public static final double DEFAULT_CPU_BUDGET = 0.01;

  private final ThreadEventSource source;
  private final ThreadEventAnalyzer analyzer;
  private final PrometheusRegistry registry;
  private final ThreadMetricsCollector collector;
  private final ThreadStateSampler sampler;
  private final ThreadStateCollector stateCollector;
  private final MetricsEndpoint server;
  private final OverheadGovernor governor;
  private final OverheadCollector overheadCollector;
  private final List<String> problems;

  private JfrThreads(Builder builder) {
    List<String> found = new ArrayList<>();
    this.analyzer = new ThreadEventAnalyzer(builder.analyzerConfig);
    analyzer.assumeAlreadyLive(
        ThreadKind.PLATFORM, ManagementFactory.getThreadMXBean().getThreadCount());
    this.source = ThreadEventSources.thisJvm(builder.eventSettings);
    this.registry = builder.registry;
    this.collector = new ThreadMetricsCollector(analyzer::snapshot, source::statistics);
    this.sampler = builder.stateSampling ? buildSampler(builder, analyzer) : null;
    this.stateCollector =
        new ThreadStateCollector(
            sampler == null ? () -> ThreadStateSample.EMPTY : sampler::latest, analyzer::snapshot);
    registry.register(collector);
    registry.register(stateCollector);
    if (sampler != null) {
      if (builder.virtualThreadDumpInterval != null) {
        // Virtual threads have no creation site: their top frames (else containers) name the leak
        // instead, and a dump at suspicion says what the suspected ones are doing.
        analyzer.virtualGroupsFrom(() -> sampler.latest().virtualStates().byGroup());
        analyzer.virtualEvidenceFrom(sampler::lookAtVirtualThreads);
      }
      sampler.start();
    }
    try {
      source.start(analyzer);
    } catch (ThreadEventSourceException e) {
      found.add(e.getMessage());
      log.error("jfr-threads: not watching threads: {}", e.getMessage());
    }
    this.governor = buildGovernor(builder, found);
    this.overheadCollector = new OverheadCollector(governor::state);
    registry.register(overheadCollector);
    governor.start();
    this.server = builder.httpPort < 0 ? null : serve(builder, found);
    this.problems = List.copyOf(found);
  }

  private OverheadGovernor buildGovernor(Builder builder, List<String> found) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    SelfCpu cpu =
        new SelfCpu(
            threads,
            source::dispatchThreadId,
            sampler == null ? () -> -1 : sampler::threadId,
            sampler == null ? () -> 0 : sampler::dumpCpuNanos);
    double budget = builder.cpuBudget;
    if (budget > 0 && !cpu.supported()) {
      String problem =
          "this JVM does not measure thread CPU time (ThreadMXBean.isThreadCpuTimeSupported or"
              + " Enabled is false): the CPU budget is not enforced; enable it with"
              + " ThreadMXBean.setThreadCpuTimeEnabled(true).";
      found.add(problem);
      log.warn("jfr-threads: {}", problem);
      budget = 0;
    }
    ThreadEventSettings configured = builder.eventSettings;
    return new OverheadGovernor(
        budget,
        Runtime.getRuntime().availableProcessors(),
        cpu::read,
        System::nanoTime,
        () -> source.statistics().deliveryLagNanos(),
        level -> applyLevel(configured, level),
        builder.governorCheckInterval,
        builder.governorQuietChecks);
  }

  // Source first, analyzer second, in both directions: the analyzer ignores virtual lifecycle
  // events from the moment it is told they are shed, and takes its re-base point only once the
  // source records them again.
  private boolean applyLevel(ThreadEventSettings configured, int level) {
    if (!source.applySettings(SheddingLevels.settings(configured, level))) {
      return false;
    }
    if (configured.virtualThreadLifecycle()) {
      analyzer.followVirtualLifecycle(level == 0);
    }
    return true;
  }

  /** Watches with the defaults, into the default registry, without an HTTP endpoint. */
  public static JfrThreads start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  private static ThreadStateSampler buildSampler(Builder builder, ThreadEventAnalyzer analyzer) {
    ThreadStateSampler.Builder sampler =
        builder
            .sampler
            .topN(builder.analyzerConfig.topN())
            .libraryPackages(builder.analyzerConfig.libraryPackages().toArray(String[]::new));
    if (builder.virtualThreadDumpInterval != null) {
      // Validated when set; now with this instance's live count.
      sampler.virtualThreadDump(
          builder.virtualThreadDumpInterval,
          builder.virtualThreadDumpMaxLive,
          () -> analyzer.snapshot().counts(ThreadKind.VIRTUAL).live());
    }
    return sampler.build();
  }

  private MetricsEndpoint serve(Builder builder, List<String> found) {
    try {
      return builder
          .endpoint
          .registry(registry)
          .host(builder.httpHost)
          .port(builder.httpPort)
          .start();
    } catch (IOException e) {
      String problem =
          "cannot serve /metrics on "
              + builder.httpHost
              + ":"
              + builder.httpPort
              + " ("
              + e.getMessage()
              + "): the port is taken or not allowed; choose another with httpPort(...).";
      found.add(problem);
      log.error("jfr-threads: {}", problem);
      return null;
    }
  }

  /** The problems met at start, each naming its fix; empty when everything runs. */
  public List<String> problems() {
    return problems;
  }

  /** The port {@code /metrics} is served on, or -1 when not serving. */
  public int httpPort() {
    return server == null ? -1 : server.port();
  }

  /** The latest published analysis; about a second old at most while the stream runs. */
  public ThreadActivitySnapshot snapshot() {
    return analyzer.snapshot();
  }

  /** Package private. For testing only: the overhead governor's last check. */
  OverheadGovernor.State overhead() {
    return governor.state();
  }

  /** The event stream's health. */
  public SourceStatistics sourceStatistics() {
    return source.statistics();
  }

  /**
   * Stops watching: delivers the events JFR still holds (up to about a second), stops serving, and
   * removes the metrics from the registry. Safe to call more than once.
   */
  @Override
  public void close() {
    governor.close();
    source.close();
    if (sampler != null) {
      sampler.close();
    }
    if (server != null) {
      server.close();
    }
    registry.unregister(collector);
    registry.unregister(stateCollector);
    registry.unregister(overheadCollector);
  }

  /** The default of {@link Builder#virtualThreadDumpMaxLive}. */
  public static final long DEFAULT_VIRTUAL_THREAD_DUMP_MAX_LIVE = 10_000;

  /** Builds and starts a {@link JfrThreads}; setters validate their argument. */
  public static final class Builder {
    private ThreadEventSettings eventSettings = ThreadEventSettings.defaults();
    private AnalyzerConfig analyzerConfig = AnalyzerConfig.defaults();
    private PrometheusRegistry registry = PrometheusRegistry.defaultRegistry;
    private String httpHost = "0.0.0.0";
    private int httpPort = -1;
    private boolean stateSampling = true;
    // Validates and keeps the sampler's own settings: interval, dump interval.
    private final ThreadStateSampler.Builder sampler = ThreadStateSampler.builder();
    private Duration virtualThreadDumpInterval; // null: no dump
    private long virtualThreadDumpMaxLive = DEFAULT_VIRTUAL_THREAD_DUMP_MAX_LIVE;
    private final MetricsEndpoint.Builder endpoint = MetricsEndpoint.builder();
    private double cpuBudget = DEFAULT_CPU_BUDGET;
    private Duration governorCheckInterval = Duration.ofSeconds(5);
    private int governorQuietChecks = 6;

    private Builder() {}

    /**
     * The CPU that watching may use, as a share of all available processors: 0.01 (the default) is
     * 1 %, a fiftieth of a core on 2 processors; 0 measures and exports the cost but never sheds.
     * Above it for 15 s, watching sheds load in steps, virtual-thread lifecycle events first (their
     * starts, ends and live count are then unknown, and the metrics say so), then blocking events
     * under 20, 50 and 100 ms; it steps back after 30 s at less than half the budget.
     *
     * @param share 0, or more than 0 and at most 1
     * @since 0.2
     */
    public Builder cpuBudget(double share) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException(
            share + ": illegal CPU budget. Expecting 0 (not enforced) to 1 (all processors).");
      }
      this.cpuBudget = share;
      return this;
    }

    /** Package private. For testing only: how often the governor checks; default 5 s. */
    Builder governorCheckInterval(Duration interval) {
      this.governorCheckInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /** Package private. For testing only: quiet checks before a step back; default 6. */
    Builder governorQuietChecks(int checks) {
      this.governorQuietChecks = checks;
      return this;
    }

    /**
     * Whether to sample platform threads' states, locks and frames on a schedule of its own;
     * default {@code true}. The sampler stretches its interval when a pass costs more than 1 % of
     * it, and a scrape never waits for it.
     */
    public Builder stateSampling(boolean enabled) {
      this.stateSampling = enabled;
      return this;
    }

    /** Time between state samples, 1 s to 1 h; default 15 s. */
    public Builder stateSamplerInterval(Duration interval) {
      sampler.interval(interval);
      return this;
    }

    /**
     * Also counts virtual threads by state and frame from a JSON thread dump every {@code
     * interval}, skipped while more than {@code maxLive} virtual threads live; off by default,
     * because a dump of 100,000 virtual threads takes about a second and hundreds of MB.
     *
     * @param interval 1 s to 1 h
     * @param maxLive 1 or more
     */
    public Builder virtualThreadDump(Duration interval, long maxLive) {
      return virtualThreadDumpMaxLive(maxLive).virtualThreadDump(interval);
    }

    /**
     * Turns on the virtual-thread dump every {@code interval}, 1 s to 1 h, skipped while more than
     * {@link #virtualThreadDumpMaxLive} virtual threads live.
     */
    public Builder virtualThreadDump(Duration interval) {
      sampler.virtualThreadDump(interval, virtualThreadDumpMaxLive, () -> 0);
      this.virtualThreadDumpInterval = interval;
      return this;
    }

    /** No virtual-thread dump while more virtual threads than this live, 1 or more; 10,000. */
    public Builder virtualThreadDumpMaxLive(long maxLive) {
      if (maxLive < 1) {
        throw new IllegalArgumentException(maxLive + ": illegal maxLive. Expecting 1 or more.");
      }
      this.virtualThreadDumpMaxLive = maxLive;
      return this;
    }

    /** Which JFR events and thresholds; default {@link ThreadEventSettings#defaults()}. */
    public Builder eventSettings(ThreadEventSettings settings) {
      this.eventSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Label bounds and windows; default {@link AnalyzerConfig#defaults()}. */
    public Builder analyzerConfig(AnalyzerConfig config) {
      this.analyzerConfig = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Where the metrics are registered; default {@link PrometheusRegistry#defaultRegistry}. */
    public Builder registry(PrometheusRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** Serves {@code /metrics} on this port, 0 for any free one; default: no endpoint. */
    public Builder httpPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(port + ": illegal port. Expecting 0 to 65535.");
      }
      this.httpPort = port;
      return this;
    }

    /**
     * Requires HTTP basic authentication on the endpoint: user {@code user}, password the content
     * of {@code passwordFile} less one trailing line break, read now (never from a command line);
     * default: none. Pair it with {@link #httpTls}, or basic authentication sends the password in
     * clear.
     *
     * @throws IllegalArgumentException if the user is blank or holds a colon, or the file is not a
     *     regular file of at most 4 KiB holding a password
     * @see MetricsEndpoint.Builder#basicAuth
     */
    public Builder httpBasicAuth(String user, Path passwordFile) {
      endpoint.basicAuth(user, passwordFile);
      return this;
    }

    /**
     * Serves HTTPS with the key and certificate of {@code keyStore} (PKCS12 or JKS), whose password
     * is the content of {@code passwordFile}; default: plain HTTP. Both are read now.
     *
     * @throws IllegalArgumentException if a file cannot be read, the password is wrong, or the key
     *     store holds no private key
     * @see MetricsEndpoint.Builder#tls
     */
    public Builder httpTls(Path keyStore, Path passwordFile) {
      endpoint.tls(keyStore, passwordFile);
      return this;
    }

    /** The address to serve on; default {@code 0.0.0.0} (all interfaces). */
    public Builder httpHost(String host) {
      if (Objects.requireNonNull(host, "host").isBlank()) {
        throw new IllegalArgumentException("\"\": illegal host. Expecting a name or address.");
      }
      this.httpHost = host;
      return this;
    }

    /**
     * Starts watching and, if a port was given, serving.
     *
     * @throws IllegalArgumentException if the registry already holds these metrics (a second {@code
     *     JfrThreads} on the same registry)
     */
    public JfrThreads start() {
      return new JfrThreads(this);
    }
  }
}
