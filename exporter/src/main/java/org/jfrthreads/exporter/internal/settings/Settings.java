package org.jfrthreads.exporter.internal.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.analyzer.sampler.ThreadStateSampler;
import org.jfrthreads.exporter.JfrThreads;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.ThreadEventSettings;
import org.jfrthreads.stream.internal.Durations;

/**
 * Every setting of jfr-threads, in one table.
 *
 * <p>Adding a setting is one entry in {@link #ALL}, once the builder has a setter that validates
 * its argument:
 *
 * <pre>{@code
 * new Setting<>(
 *     "cpuBudget",                                   // the key
 *     ValueType.DECIMAL,                             // how the text is read
 *     "0.01",                                        // the default, as written
 *     new Range("above 0, at most 1", null, "1"),    // as the setter checks it
 *     "share of one core the state sampler may use", // one line for the README
 *     Scope.IN_PROCESS,                              // library and agent, not the sidecar
 *     (c, v) -> c.builder().cpuBudget(v))            // the setter: JfrThreads.Builder
 * }</pre>
 *
 * <p>The setter reaches {@code c.eventsBuilder()} ({@code ThreadEventSettings}), {@code
 * c.analyzerBuilder()} ({@code AnalyzerConfig}), {@code c.leaksBuilder()} ({@code
 * LeakDetectorConfig}) or {@code c.builder()} ({@code JfrThreads.Builder}). The agent, its
 * properties file, the sidecar, the Spring Boot starter's {@code jfr-threads.*} properties and
 * {@code jfr-threads settings} follow at once; the README's table is then out of date, and {@code
 * SettingsTest} fails until it is replaced by what {@code jfr-threads settings} prints; likewise
 * the starter's IDE metadata and its {@code SettingsPropertiesTest}. The same test checks that both
 * ends of the range are taken by the setter and their outer neighbours refused.
 *
 * <p>Reading this class loads no class that makes a logger: the agent reads its options, its log
 * level among them, before it configures its log. Defaults are taken from the builders' constants,
 * never written twice.
 */
public final class Settings {

  private static final AnalyzerConfig ANALYZER = AnalyzerConfig.defaults();
  private static final ThreadEventSettings EVENTS = ThreadEventSettings.defaults();
  private static final Range BOOLEAN = Range.described("true or false");
  private static final Range THRESHOLD = Range.atLeast("0");

  /** The shortest blocking reported, for all four kinds. */
  public static final Setting<Duration> THRESHOLD_ALL =
      new Setting<>(
          "threshold",
          ValueType.DURATION,
          duration(ThreadEventSettings.DEFAULT_BLOCKING_THRESHOLD),
          THRESHOLD,
          "shortest blocking reported, all four kinds",
          Scope.EVENTS,
          (c, v) -> c.eventsBuilder().blockingThreshold(v));

  /** The shortest pinned blocking reported. */
  public static final Setting<Duration> THRESHOLD_PINNED =
      new Setting<>(
          "threshold.pinned",
          ValueType.DURATION,
          duration(ThreadEventSettings.DEFAULT_PINNED_THRESHOLD),
          THRESHOLD,
          "shortest pinned blocking of a virtual thread reported",
          Scope.EVENTS,
          (c, v) -> c.eventsBuilder().pinnedThreshold(v));

  /** Classes and sites with a series of their own, per kind. */
  public static final Setting<Integer> TOP_N =
      new Setting<>(
          "topN",
          ValueType.INTEGER,
          Integer.toString(ANALYZER.topN()),
          Range.between("1", "1000"),
          "classes and sites with a series of their own per kind; the rest fold into `other`",
          Scope.EVENTS,
          (c, v) -> c.analyzerBuilder().topN(v));

  /** The agent's own log on standard error. */
  public static final Setting<String> LOG_LEVEL =
      new Setting<>(
          "logLevel",
          ValueType.LOG_LEVEL,
          "warn",
          Range.described(String.join(", ", ValueType.LOG_LEVELS)),
          "level of the agent's own log on standard error",
          Scope.AGENT,
          (c, v) -> {});

  /** The user that HTTP basic authentication asks for; read by the agent and the sidecar. */
  public static final Setting<String> HTTP_USER =
      endpoint(
          "httpUser",
          ValueType.TEXT,
          Range.described("a name without `:`; needs httpPasswordFile"),
          "user that every request to `/metrics` must authenticate as (basic auth)");

  /** The file holding that user's password: never the password itself on a command line. */
  public static final Setting<Path> HTTP_PASSWORD_FILE =
      endpoint(
          "httpPasswordFile",
          ValueType.FILE,
          Range.described("a regular file of at most 4 KiB; needs httpUser"),
          "file whose content is httpUser's password (one trailing line break is dropped)");

  /** The key store the endpoint serves TLS with. */
  public static final Setting<Path> HTTPS_KEY_STORE =
      endpoint(
          "httpsKeyStore",
          ValueType.FILE,
          Range.described("a PKCS12 or JKS file; needs httpsKeyStorePasswordFile"),
          "key store with the key and certificate of the endpoint: serve HTTPS");

  /** The file holding the key store's password. */
  public static final Setting<Path> HTTPS_KEY_STORE_PASSWORD_FILE =
      endpoint(
          "httpsKeyStorePasswordFile",
          ValueType.FILE,
          Range.described("a regular file of at most 4 KiB; needs httpsKeyStore"),
          "file whose content is the key store's password");

  /** All settings, in the order they are applied and documented. */
  public static final List<Setting<?>> ALL =
      List.of(
          THRESHOLD_ALL,
          threshold(BlockingKind.MONITOR_ENTER, "waiting to enter a `synchronized` block"),
          threshold(BlockingKind.MONITOR_WAIT, "in `Object.wait`"),
          threshold(BlockingKind.PARK, "parked (locks, queues, `LockSupport`)"),
          threshold(BlockingKind.SLEEP, "in `Thread.sleep`"),
          THRESHOLD_PINNED,
          new Setting<>(
              "virtualThreadLifecycle",
              ValueType.BOOLEAN,
              Boolean.toString(EVENTS.virtualThreadLifecycle()),
              BOOLEAN,
              "follow virtual threads starting and ending (their live count and lifetimes)",
              Scope.EVENTS,
              (c, v) -> c.eventsBuilder().virtualThreadLifecycle(v)),
          new Setting<>(
              "stackDepth",
              ValueType.INTEGER,
              Integer.toString(ThreadEventSettings.DEFAULT_STACK_DEPTH),
              Range.between("1", "64"),
              "frames kept per stack",
              Scope.EVENTS,
              (c, v) -> c.eventsBuilder().stackDepth(v)),
          TOP_N,
          new Setting<>(
              "maxSeries",
              ValueType.INTEGER,
              Integer.toString(ANALYZER.maxSeries()),
              new Range("1 to 100000, at least topN", "1", "100000"),
              "classes and sites tracked per kind; past it, new ones go straight to `other`",
              Scope.EVENTS,
              (c, v) -> c.analyzerBuilder().maxSeries(v)),
          new Setting<>(
              "maxTrackedThreads",
              ValueType.INTEGER,
              Integer.toString(ANALYZER.maxTrackedThreads()),
              Range.between("0", Integer.toString(1 << 28)),
              "live threads followed for their lifetime (about 80 bytes each)",
              Scope.EVENTS,
              (c, v) -> c.analyzerBuilder().maxTrackedThreads(v)),
          new Setting<>(
              "window",
              ValueType.DURATION,
              duration(ANALYZER.window()),
              Range.between("1s", "1h"),
              "span of the `_recent_` summaries",
              Scope.EVENTS,
              (c, v) -> c.analyzerBuilder().window(v)),
          new Setting<>(
              "windowSlices",
              ValueType.INTEGER,
              Integer.toString(ANALYZER.windowSlices()),
              Range.between("1", "60"),
              "steps the window moves by: it moves by `window / windowSlices`",
              Scope.EVENTS,
              (c, v) -> c.analyzerBuilder().windowSlices(v)),
          new Setting<>(
              "exemplarWait",
              ValueType.DURATION,
              duration(ANALYZER.exemplarWait()),
              Range.between("0s", "1m"),
              "how long after a blocking event its traced scope may close and still give the"
                  + " event's exemplar its trace id (the count never waits)",
              Scope.EVENTS,
              (c, v) -> c.analyzerBuilder().exemplarWait(v)),
          new Setting<>(
              "maxExemplarCandidates",
              ValueType.INTEGER,
              Integer.toString(ANALYZER.maxExemplarCandidates()),
              Range.between("0", "1000000"),
              "blocking events waiting at once for their traced scope (about 100 bytes each);"
                  + " past it the oldest gives way and gets no exemplar (0: no exemplars)",
              Scope.EVENTS,
              (c, v) -> c.analyzerBuilder().maxExemplarCandidates(v)),
          new Setting<>(
              "libraryPackages",
              ValueType.PREFIXES,
              "",
              Range.described("class-name prefixes separated by `:`"),
              "extra prefixes skipped when finding a site, such as `io.netty.:org.acme.lib.`"
                  + " (the JDK's always are)",
              Scope.EVENTS,
              (c, v) -> c.analyzerBuilder().libraryPackages(v.toArray(String[]::new))),
          new Setting<>(
              "stateSampling",
              ValueType.BOOLEAN,
              "true",
              BOOLEAN,
              "sample platform threads' states, locks and frames",
              Scope.IN_PROCESS,
              (c, v) -> c.builder().stateSampling(v)),
          new Setting<>(
              "stateSamplerInterval",
              ValueType.DURATION,
              duration(ThreadStateSampler.Builder.DEFAULT_INTERVAL),
              Range.between("1s", "1h"),
              "time between state samples (stretched while a pass costs more than 1 % of it)",
              Scope.IN_PROCESS,
              (c, v) -> c.builder().stateSamplerInterval(v)),
          new Setting<>(
              "virtualThreadDump",
              ValueType.DURATION,
              "",
              Range.between("1s", "1h"),
              "time between virtual-thread dumps; no dump unless set",
              Scope.IN_PROCESS,
              (c, v) -> c.builder().virtualThreadDump(v)),
          new Setting<>(
              "virtualThreadDumpMaxLive",
              ValueType.LONG,
              Long.toString(JfrThreads.DEFAULT_VIRTUAL_THREAD_DUMP_MAX_LIVE),
              Range.atLeast("1"),
              "no virtual-thread dump while more virtual threads than this live",
              Scope.IN_PROCESS,
              (c, v) -> c.builder().virtualThreadDumpMaxLive(v)),
          new Setting<>(
              "cpuBudget",
              ValueType.DECIMAL,
              Double.toString(JfrThreads.DEFAULT_CPU_BUDGET),
              Range.between("0", "1"),
              "share of all processors the library's own threads may use; over it, it sheds"
                  + " virtual-thread lifecycle events, then short blocking events (0: never sheds)",
              Scope.IN_PROCESS,
              (c, v) -> c.builder().cpuBudget(v)),
          HTTP_USER,
          HTTP_PASSWORD_FILE,
          HTTPS_KEY_STORE,
          HTTPS_KEY_STORE_PASSWORD_FILE,
          LOG_LEVEL);

  private static final Map<String, Setting<?>> BY_KEY =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Setting::key, Function.identity()));

  private Settings() {}

  /** The setting of {@code key}, if there is one. */
  public static Optional<Setting<?>> find(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }

  /** The keys of the settings of these scopes, in table order. */
  public static List<String> keys(Set<Scope> scopes) {
    return ALL.stream().filter(s -> scopes.contains(s.scope())).map(Setting::key).toList();
  }

  /** The table in Markdown, as in the README. */
  public static String markdownTable() {
    StringBuilder table =
        new StringBuilder("| setting | type | default | range | where | meaning |\n")
            .append("|---|---|---|---|---|---|\n");
    for (Setting<?> setting : ALL) {
      table
          .append("| `")
          .append(setting.key())
          .append("` | ")
          .append(setting.type().name())
          .append(" | ")
          .append(setting.defaultValue().isEmpty() ? "none" : "`" + setting.defaultValue() + "`")
          .append(" | ")
          .append(setting.range().text())
          .append(" | ")
          .append(
              switch (setting.scope()) {
                case EVENTS -> "library, agent, sidecar";
                case IN_PROCESS -> "library, agent";
                case ENDPOINT -> "agent, sidecar";
                case AGENT -> "agent";
              })
          .append(" | ")
          .append(setting.meaning())
          .append(" |\n");
    }
    return table.toString();
  }

  private static Setting<Duration> threshold(BlockingKind kind, String blocked) {
    return new Setting<>(
        "threshold." + kind.name().toLowerCase(Locale.ROOT),
        ValueType.DURATION,
        duration(ThreadEventSettings.DEFAULT_BLOCKING_THRESHOLD),
        THRESHOLD,
        "shortest time " + blocked + " reported",
        Scope.EVENTS,
        (c, v) -> c.eventsBuilder().threshold(kind, v));
  }

  // The agent and the sidecar serve their own endpoint: they read these from their options, in
  // pairs (see AgentOptions.endpoint).
  private static <T> Setting<T> endpoint(
      String key, ValueType<T> type, Range range, String meaning) {
    return new Setting<>(key, type, "", range, meaning, Scope.ENDPOINT, (c, v) -> {});
  }

  private static String duration(Duration duration) {
    return Durations.format(duration);
  }
}
