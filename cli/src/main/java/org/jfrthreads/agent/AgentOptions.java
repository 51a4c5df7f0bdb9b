package org.jfrthreads.agent;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.exporter.JfrThreads;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.ThreadEventSettings;

/**
 * The options of the jfr-threads agent: where to serve {@code /metrics} and the library's settings,
 * parsed from the argument of {@code -javaagent:jfr-threads-all.jar=OPTIONS}.
 *
 * <pre>
 * OPTIONS  = [ADDRESS] ("," SETTING)*
 * ADDRESS  = [HOST ":"] PORT [":" FILE]  |  FILE
 * SETTING  = KEY "=" VALUE
 * </pre>
 *
 * <p>The address follows the Prometheus JMX exporter agent: {@code 9400}, {@code 127.0.0.1:9400},
 * {@code [::1]:9400}, {@code 9400:jfr-threads.properties}, or a file alone. The host defaults to
 * {@code 0.0.0.0}, the port to 9400; port 0 takes any free port. The file is a Java properties file
 * of the same settings, plus {@code host} and {@code port}; settings given inline win over it.
 * Examples:
 *
 * <pre>
 * -javaagent:jfr-threads-all.jar=9400
 * -javaagent:jfr-threads-all.jar=127.0.0.1:9400,threshold.park=20ms,virtualThreadLifecycle=false
 * -javaagent:jfr-threads-all.jar=9400:/etc/jfr-threads.properties
 * </pre>
 *
 * <p>Settings (durations are a number and a unit: {@code 500us}, {@code 20ms}, {@code 1.5s}, {@code
 * 2m}, or {@code 0}):
 *
 * <ul>
 *   <li>{@code threshold} the shortest blocking reported, for all four kinds; default 10ms
 *   <li>{@code threshold.monitor_enter}, {@code threshold.monitor_wait}, {@code threshold.park},
 *       {@code threshold.sleep} the same for one kind; {@code threshold.pinned} for pinned virtual
 *       threads, default 1ms
 *   <li>{@code virtualThreadLifecycle} {@code true} or {@code false}, default true
 *   <li>{@code stackDepth} frames kept per stack, 1 to 64, default 16
 *   <li>{@code topN}, {@code maxSeries}, {@code maxTrackedThreads}, {@code window}, {@code
 *       windowSlices}: label bounds and windows, see {@link AnalyzerConfig}
 *   <li>{@code libraryPackages} class-name prefixes skipped when looking for a site, separated by
 *       {@code :}, for example {@code io.netty.:org.springframework.}
 *   <li>{@code stateSampling} {@code true} (default) or {@code false}, {@code stateSamplerInterval}
 *       default 15s, {@code virtualThreadDump} an interval (off by default) and {@code
 *       virtualThreadDumpMaxLive} default 10000: the state sampler, see {@link
 *       JfrThreads.Builder#stateSampling}; the agent's only, as is {@code logLevel}
 *   <li>{@code logLevel} of the agent's own log on standard error: {@code error}, {@code warn}
 *       (default), {@code info}, {@code debug} or {@code off}
 * </ul>
 *
 * <p>Anything else is rejected by {@link #parse} with one line that leads with the option.
 *
 * @param host the address to serve {@code /metrics} on
 * @param port its port, 0 for any free one
 * @param eventSettings which JFR events and thresholds
 * @param analyzerConfig label bounds and windows
 * @param logLevel the level of the agent's own log
 */
public record AgentOptions(
    String host,
    int port,
    ThreadEventSettings eventSettings,
    AnalyzerConfig analyzerConfig,
    Sampling sampling,
    String logLevel) {

  /**
   * The state sampler's settings (see {@link JfrThreads.Builder#stateSampling}).
   *
   * @param enabled whether platform threads' states are sampled
   * @param interval time between samples
   * @param virtualThreadDumpInterval time between virtual-thread dumps, {@code null} for none
   * @param virtualThreadDumpMaxLive no dump while more virtual threads than this live
   */
  public record Sampling(
      boolean enabled,
      Duration interval,
      Duration virtualThreadDumpInterval,
      long virtualThreadDumpMaxLive) {

    /** The defaults of {@link JfrThreads.Builder}: sampling every 15 s, no virtual-thread dump. */
    public static final Sampling DEFAULTS =
        new Sampling(true, Duration.ofSeconds(15), null, 10_000);
  }

  /** Applies the settings other than host and port to {@code builder}. */
  public JfrThreads.Builder configure(JfrThreads.Builder builder) {
    builder
        .eventSettings(eventSettings)
        .analyzerConfig(analyzerConfig)
        .stateSampling(sampling.enabled())
        .stateSamplerInterval(sampling.interval());
    if (sampling.virtualThreadDumpInterval() != null) {
      builder.virtualThreadDump(
          sampling.virtualThreadDumpInterval(), sampling.virtualThreadDumpMaxLive());
    }
    return builder;
  }

  /** The port when none is given, as for {@code jfr-threads watch}. */
  public static final int DEFAULT_PORT = 9400;

  public static final String DEFAULT_HOST = "0.0.0.0";

  private static final List<String> SETTINGS =
      List.of(
          "threshold",
          "threshold.monitor_enter",
          "threshold.monitor_wait",
          "threshold.park",
          "threshold.sleep",
          "threshold.pinned",
          "virtualThreadLifecycle",
          "stackDepth",
          "topN",
          "maxSeries",
          "maxTrackedThreads",
          "window",
          "windowSlices",
          "libraryPackages",
          "stateSampling",
          "stateSamplerInterval",
          "virtualThreadDump",
          "virtualThreadDumpMaxLive",
          "logLevel");

  /**
   * Settings of the agent alone: the sidecar has no sampler of the other JVM, and logs as a
   * command.
   */
  private static final List<String> AGENT_ONLY =
      List.of(
          "stateSampling",
          "stateSamplerInterval",
          "virtualThreadDump",
          "virtualThreadDumpMaxLive",
          "logLevel");

  private static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "off");

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)");

  public AgentOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(eventSettings, "eventSettings");
    Objects.requireNonNull(analyzerConfig, "analyzerConfig");
    Objects.requireNonNull(sampling, "sampling");
    Objects.requireNonNull(logLevel, "logLevel");
  }

  /**
   * Parses an agent argument; {@code null} or empty gives the defaults.
   *
   * @throws IllegalArgumentException naming the bad option and the rule, in one line
   */
  public static AgentOptions parse(String options) {
    List<String> elements = split(options);
    Map<String, String> settings = new LinkedHashMap<>();
    String host = null;
    String port = null;
    if (!elements.isEmpty() && !elements.get(0).contains("=")) {
      Address address = Address.parse(elements.remove(0));
      if (address.file() != null) {
        Map<String, String> fromFile = readFile(address.file());
        host = fromFile.remove("host");
        port = fromFile.remove("port");
        settings.putAll(fromFile);
      }
      host = address.host() != null ? address.host() : host;
      port = address.port() != null ? address.port() : port;
    }
    for (String element : elements) {
      int equals = element.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException(
            element
                + ": not a setting. Expecting KEY=VALUE after the address, separated by commas,"
                + " for example 9400,threshold.park=20ms.");
      }
      settings.put(element.substring(0, equals).trim(), element.substring(equals + 1).trim());
    }
    return build(host, port, settings);
  }

  /**
   * Parses settings alone ({@code KEY=VALUE} each), with the given address: the form of the command
   * line's trailing settings.
   *
   * @throws IllegalArgumentException naming the bad setting and the rule
   */
  public static AgentOptions parseSettings(String host, int port, List<String> settings) {
    StringBuilder joined = new StringBuilder();
    for (String setting : settings) {
      if (!setting.contains("=")) {
        throw new IllegalArgumentException(
            setting + ": not a setting. Expecting KEY=VALUE, for example threshold.park=20ms.");
      }
      if (AGENT_ONLY.contains(setting.substring(0, setting.indexOf('=')))) {
        throw new IllegalArgumentException(
            setting
                + ": a setting of the agent only; the sidecar follows the other JVM through JFR"
                + " alone.");
      }
      joined.append(',').append(setting);
    }
    AgentOptions parsed = parse(joined.length() == 0 ? "" : joined.substring(1));
    return new AgentOptions(
        host,
        port,
        parsed.eventSettings(),
        parsed.analyzerConfig(),
        parsed.sampling(),
        parsed.logLevel());
  }

  /**
   * The same argument with a relative configuration file made absolute against this process's
   * working directory, for handing to another JVM whose working directory differs.
   */
  public static String withAbsoluteConfigFile(String options) {
    List<String> elements = split(options);
    if (elements.isEmpty() || elements.get(0).contains("=")) {
      return options == null ? "" : options;
    }
    Address address = Address.parse(elements.get(0));
    if (address.file() == null) {
      return options;
    }
    String absolute = Path.of(address.file()).toAbsolutePath().toString();
    String prefix =
        elements.get(0).substring(0, elements.get(0).length() - address.file().length());
    elements.set(0, prefix + absolute);
    return String.join(",", elements);
  }

  private static List<String> split(String options) {
    List<String> elements = new ArrayList<>();
    if (options == null || options.isBlank()) {
      return elements;
    }
    for (String element : options.split(",", -1)) {
      if (element.isBlank()) {
        throw new IllegalArgumentException(
            "\""
                + options
                + "\": empty option between commas. Expecting [host:]port,KEY=VALUE,...");
      }
      elements.add(element.trim());
    }
    return elements;
  }

  private static Map<String, String> readFile(String file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          file
              + ": cannot read the configuration file ("
              + e
              + "). Expecting a readable Java"
              + " properties file of KEY=VALUE lines.");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (!key.equals("host") && !key.equals("port") && !SETTINGS.contains(key)) {
        throw new IllegalArgumentException(
            key
                + " (in "
                + file
                + "): unknown setting. Expecting host, port or one of "
                + SETTINGS);
      }
      settings.put(key, properties.getProperty(key).trim());
    }
    return settings;
  }

  private static AgentOptions build(String host, String port, Map<String, String> settings) {
    ThreadEventSettings.Builder events = ThreadEventSettings.builder();
    AnalyzerConfig.Builder analyzer = AnalyzerConfig.builder();
    String logLevel = "warn";
    // A builder that is never started: its setters validate the sampler settings.
    JfrThreads.Builder sampler = JfrThreads.builder();
    Sampling sampling = Sampling.DEFAULTS;
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      String key = setting.getKey();
      String value = setting.getValue();
      String option = key + "=" + value;
      try {
        switch (key) {
          case "threshold" -> events.blockingThreshold(duration(value));
          case "threshold.pinned" -> events.pinnedThreshold(duration(value));
          case "threshold.monitor_enter" ->
              events.threshold(BlockingKind.MONITOR_ENTER, duration(value));
          case "threshold.monitor_wait" ->
              events.threshold(BlockingKind.MONITOR_WAIT, duration(value));
          case "threshold.park" -> events.threshold(BlockingKind.PARK, duration(value));
          case "threshold.sleep" -> events.threshold(BlockingKind.SLEEP, duration(value));
          case "virtualThreadLifecycle" -> events.virtualThreadLifecycle(bool(value));
          case "stackDepth" -> events.stackDepth(integer(value));
          case "topN" -> analyzer.topN(integer(value));
          case "maxSeries" -> analyzer.maxSeries(integer(value));
          case "maxTrackedThreads" -> analyzer.maxTrackedThreads(integer(value));
          case "window" -> analyzer.window(duration(value));
          case "windowSlices" -> analyzer.windowSlices(integer(value));
          case "libraryPackages" -> analyzer.libraryPackages(value.split(":"));
          case "stateSampling" ->
              sampling =
                  new Sampling(
                      bool(value),
                      sampling.interval(),
                      sampling.virtualThreadDumpInterval(),
                      sampling.virtualThreadDumpMaxLive());
          case "stateSamplerInterval" -> {
            Duration interval = duration(value);
            sampler.stateSamplerInterval(interval);
            sampling =
                new Sampling(
                    sampling.enabled(),
                    interval,
                    sampling.virtualThreadDumpInterval(),
                    sampling.virtualThreadDumpMaxLive());
          }
          case "virtualThreadDump" ->
              sampling =
                  new Sampling(
                      sampling.enabled(),
                      sampling.interval(),
                      positive(duration(value)),
                      sampling.virtualThreadDumpMaxLive());
          case "virtualThreadDumpMaxLive" -> {
            long maxLive = integer(value);
            sampler.virtualThreadDump(Duration.ofSeconds(1), maxLive);
            sampling =
                new Sampling(
                    sampling.enabled(),
                    sampling.interval(),
                    sampling.virtualThreadDumpInterval(),
                    maxLive);
          }
          case "logLevel" -> logLevel = logLevel(value);
          default ->
              throw new IllegalArgumentException(
                  "unknown option. Expecting [host:]port[:file] first, then KEY=VALUE settings with"
                      + " KEY one of "
                      + SETTINGS);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(option + ": " + withoutValue(e.getMessage()), e);
      }
    }
    AnalyzerConfig config;
    try {
      config = analyzer.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("maxSeries=" + e.getMessage(), e);
    }
    return new AgentOptions(
        host == null ? DEFAULT_HOST : host,
        port == null ? DEFAULT_PORT : Address.port(port),
        events.build(),
        config,
        sampling,
        logLevel);
  }

  // The builders' messages lead with the value as they read it ("5000: illegal topN...",
  // "PT0.1S: illegal sampler interval..."); the option already does, as it was written.
  private static String withoutValue(String message) {
    int colon = message.indexOf(": illegal ");
    return colon > 0 && message.indexOf(' ') > colon ? message.substring(colon + 2) : message;
  }

  /** Parses {@code 20ms}, {@code 1.5s}, {@code 500us}, {@code 2m}, {@code 1h} or {@code 0}. */
  static Duration duration(String value) {
    if (value.equals("0")) {
      return Duration.ZERO;
    }
    Matcher matcher = DURATION.matcher(value);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "illegal duration. Expecting a number and a unit (ns, us, ms, s, m, h), such as 20ms,"
              + " 1.5s or 500us.");
    }
    long nanosPerUnit =
        switch (matcher.group(2)) {
          case "ns" -> 1L;
          case "us" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        };
    BigDecimal nanos = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit));
    return Duration.ofNanos(nanos.longValue());
  }

  private static Duration positive(Duration duration) {
    if (duration.isZero()) {
      throw new IllegalArgumentException("illegal interval. Expecting more than 0.");
    }
    return duration;
  }

  private static boolean bool(String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("illegal value. Expecting true or false.");
    };
  }

  private static int integer(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("illegal value. Expecting a whole number.");
    }
  }

  private static String logLevel(String value) {
    String level = value.toLowerCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(level)) {
      throw new IllegalArgumentException("illegal log level. Expecting one of " + LOG_LEVELS);
    }
    return level;
  }

  /** The part before the first comma: {@code [host:]port[:file]} or a file alone. */
  private record Address(String host, String port, String file) {

    static Address parse(String element) {
      if (element.startsWith("[")) {
        int close = element.indexOf(']');
        if (close < 0 || close + 1 >= element.length() || element.charAt(close + 1) != ':') {
          throw illegal(element);
        }
        String host = element.substring(1, close);
        String[] rest = element.substring(close + 2).split(":", 2);
        return new Address(host, checkedPort(element, rest[0]), rest.length > 1 ? rest[1] : null);
      }
      String[] parts = element.split(":", 3);
      return switch (parts.length) {
        case 1 ->
            isNumber(parts[0])
                ? new Address(null, checkedPort(element, parts[0]), null)
                : new Address(null, null, parts[0]);
        case 2 ->
            isNumber(parts[0])
                ? new Address(null, checkedPort(element, parts[0]), parts[1])
                : new Address(parts[0], checkedPort(element, parts[1]), null);
        default -> new Address(parts[0], checkedPort(element, parts[1]), parts[2]);
      };
    }

    static int port(String port) {
      try {
        int number = Integer.parseInt(port.trim());
        if (number >= 0 && number <= 65535) {
          return number;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          port + ": illegal port. Expecting 0 (any free port) to 65535.");
    }

    private static String checkedPort(String element, String port) {
      if (!isNumber(port)) {
        throw illegal(element);
      }
      port(port);
      return port;
    }

    private static boolean isNumber(String text) {
      return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

    private static IllegalArgumentException illegal(String element) {
      return new IllegalArgumentException(
          element
              + ": illegal address. Expecting [host:]port[:file] or a file, for example 9400,"
              + " 127.0.0.1:9400, [::1]:9400 or 9400:jfr-threads.properties.");
    }
  }
}
