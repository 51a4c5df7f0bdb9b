package org.jfrthreads.exporter.internal.settings;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.analyzer.LeakDetectorConfig;
import org.jfrthreads.exporter.JfrThreads;
import org.jfrthreads.stream.ThreadEventSettings;

/**
 * Settings given as text, handed to the builders they configure: {@link ThreadEventSettings},
 * {@link AnalyzerConfig}, {@link LeakDetectorConfig} and, inside the watched JVM, {@link
 * JfrThreads.Builder}.
 *
 * <pre>{@code
 * JfrThreads threads = Configuration.inProcess(JfrThreads.builder())
 *     .set(Map.of("threshold.park", "20ms", "topN", "10"))
 *     .jfrThreads()
 *     .httpPort(9400)
 *     .start();
 * }</pre>
 *
 * <p>Each value is checked once, by the setter it goes to; settings are applied in the order of
 * {@link Settings#ALL}, so that {@code threshold} comes before {@code threshold.park} whatever the
 * order they were given in. Not thread-safe: a builder.
 */
public final class Configuration {

  private final Set<Scope> scopes;
  private final ThreadEventSettings.Builder events = ThreadEventSettings.builder();
  private final AnalyzerConfig.Builder analyzer = AnalyzerConfig.builder();
  private final LeakDetectorConfig.Builder leaks = LeakDetectorConfig.builder();
  private final JfrThreads.Builder jfrThreads; // null when watching another JVM
  private final Map<String, String> given = new LinkedHashMap<>();

  private Configuration(Set<Scope> scopes, JfrThreads.Builder jfrThreads) {
    this.scopes = scopes;
    this.jfrThreads = jfrThreads;
  }

  /**
   * Settings for the library in the watched JVM ({@link Scope#EVENTS} and {@link
   * Scope#IN_PROCESS}), going to {@code builder}.
   */
  public static Configuration inProcess(JfrThreads.Builder builder) {
    return new Configuration(
        EnumSet.of(Scope.EVENTS, Scope.IN_PROCESS), Objects.requireNonNull(builder, "builder"));
  }

  /**
   * Settings of the agent: those of {@link #inProcess}, of its endpoint ({@link Scope#ENDPOINT})
   * and the agent's own ({@link Scope#AGENT}), which are checked here and read by the agent from
   * the text.
   */
  public static Configuration agent(JfrThreads.Builder builder) {
    return new Configuration(
        EnumSet.allOf(Scope.class), Objects.requireNonNull(builder, "builder"));
  }

  /** Settings for following another JVM through JFR, or a recording: {@link Scope#EVENTS} only. */
  public static Configuration events() {
    return new Configuration(EnumSet.of(Scope.EVENTS), null);
  }

  /**
   * Settings of the sidecar: those of {@link #events} and of its endpoint ({@link Scope#ENDPOINT}),
   * which are checked here and read by the sidecar from the text.
   */
  public static Configuration sidecar() {
    return new Configuration(EnumSet.of(Scope.EVENTS, Scope.ENDPOINT), null);
  }

  /** Whether {@code setting} applies here. */
  public boolean accepts(Setting<?> setting) {
    return scopes.contains(setting.scope());
  }

  /**
   * Applies {@code settings}, key to text, in the order of {@link Settings#ALL}.
   *
   * @throws IllegalArgumentException for an unknown key, a key that does not apply here or was
   *     given before, or a bad value: {@code KEY=VALUE: } followed by the message of the grammar or
   *     the setter, which states the rule
   */
  public Configuration set(Map<String, String> settings) {
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      Setting<?> known = Settings.find(setting.getKey()).orElse(null);
      String option = setting.getKey() + "=" + setting.getValue();
      if (known == null) {
        throw new IllegalArgumentException(
            option + ": unknown setting. Expecting one of " + Settings.keys(scopes) + ".");
      }
      if (!accepts(known)) {
        throw new IllegalArgumentException(
            option + ": not a setting here. Expecting one of " + Settings.keys(scopes) + ".");
      }
      String first = given.putIfAbsent(setting.getKey(), setting.getValue());
      if (first != null) {
        throw new IllegalArgumentException(
            option
                + ": given twice (first "
                + setting.getKey()
                + "="
                + first
                + "). Expecting each setting once.");
      }
    }
    for (Setting<?> setting : Settings.ALL) {
      String text = settings.get(setting.key());
      if (text != null) {
        set(setting, text);
      }
    }
    return this;
  }

  /**
   * Applies one setting, without naming it in an error: for a caller that names it its own way,
   * such as a command-line option.
   *
   * @throws IllegalArgumentException with the message of the grammar or the setter
   */
  public <T> Configuration apply(Setting<T> setting, String text) {
    if (!accepts(setting)) {
      throw new IllegalArgumentException(setting.key() + ": not a setting here.");
    }
    setting.apply(this, text);
    return this;
  }

  private void set(Setting<?> setting, String text) {
    try {
      setting.apply(this, text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(setting.key() + "=" + e.getMessage(), e);
    }
  }

  /** The event settings as set so far. */
  public ThreadEventSettings eventSettings() {
    return events.build();
  }

  /**
   * The analyzer's bounds, windows and leak detection as set so far.
   *
   * @throws IllegalArgumentException if settings contradict each other, such as {@code maxSeries}
   *     below {@code topN}, with the builder's message
   */
  public AnalyzerConfig analyzerConfig() {
    return analyzer.leakDetection(leaks.build()).build();
  }

  /**
   * The library's builder with all settings applied.
   *
   * @throws IllegalStateException for a configuration of {@link #events()}
   * @throws IllegalArgumentException as {@link #analyzerConfig()}
   */
  public JfrThreads.Builder jfrThreads() {
    return builder().eventSettings(eventSettings()).analyzerConfig(analyzerConfig());
  }

  // For the setters of the table.

  ThreadEventSettings.Builder eventsBuilder() {
    return events;
  }

  AnalyzerConfig.Builder analyzerBuilder() {
    return analyzer;
  }

  LeakDetectorConfig.Builder leaksBuilder() {
    return leaks;
  }

  JfrThreads.Builder builder() {
    if (jfrThreads == null) {
      throw new IllegalStateException("not in the watched JVM: no JfrThreads builder");
    }
    return jfrThreads;
  }
}
