package org.jfrthreads.spring;

import java.time.Duration;
import java.util.function.Consumer;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.exporter.JfrThreads;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.ThreadEventSettings;

/**
 * The one place where {@code jfr-threads.*} properties meet the library's builders: one line per
 * setting, keyed by the setting's name as the agent spells it, in the agent's order (a per-kind
 * threshold after the common one). A setting that is not set keeps the library's default.
 *
 * <p>A value the library refuses fails the context's start with one message that leads with the
 * property as written in {@code application.properties}: {@code jfr-threads.stack-depth=100:
 * illegal stack depth. Expecting 1 to 64.} The builder's exception is not chained: its message
 * would only repeat this one.
 */
final class SettingsMapping {

  /** The virtual-thread dump's cap when only its interval is set, as for the agent. */
  static final long DEFAULT_VIRTUAL_THREAD_DUMP_MAX_LIVE = 10_000;

  private SettingsMapping() {}

  /** Applies every setting that is set to {@code builder}; leaves its registry and port alone. */
  static JfrThreads.Builder configure(JfrThreadsProperties properties, JfrThreads.Builder builder) {
    builder.eventSettings(eventSettings(properties)).analyzerConfig(analyzerConfig(properties));
    set("stateSampling", properties.getStateSampling(), builder::stateSampling);
    set(
        "stateSamplerInterval",
        properties.getStateSamplerInterval(),
        builder::stateSamplerInterval);
    Duration dump = properties.getVirtualThreadDump();
    Long maxLive = properties.getVirtualThreadDumpMaxLive();
    set(
        "virtualThreadDump",
        dump,
        interval ->
            builder.virtualThreadDump(
                interval, maxLive == null ? DEFAULT_VIRTUAL_THREAD_DUMP_MAX_LIVE : maxLive));
    return builder;
  }

  static ThreadEventSettings eventSettings(JfrThreadsProperties properties) {
    ThreadEventSettings.Builder events = ThreadEventSettings.builder();
    set("threshold", properties.getThreshold(), events::blockingThreshold);
    set(
        "threshold.monitor_enter",
        properties.getThresholdMonitorEnter(),
        value -> events.threshold(BlockingKind.MONITOR_ENTER, value));
    set(
        "threshold.monitor_wait",
        properties.getThresholdMonitorWait(),
        value -> events.threshold(BlockingKind.MONITOR_WAIT, value));
    set(
        "threshold.park",
        properties.getThresholdPark(),
        value -> events.threshold(BlockingKind.PARK, value));
    set(
        "threshold.sleep",
        properties.getThresholdSleep(),
        value -> events.threshold(BlockingKind.SLEEP, value));
    set("threshold.pinned", properties.getThresholdPinned(), events::pinnedThreshold);
    set(
        "virtualThreadLifecycle",
        properties.getVirtualThreadLifecycle(),
        events::virtualThreadLifecycle);
    set("stackDepth", properties.getStackDepth(), events::stackDepth);
    return events.build();
  }

  static AnalyzerConfig analyzerConfig(JfrThreadsProperties properties) {
    AnalyzerConfig.Builder analyzer = AnalyzerConfig.builder();
    set("topN", properties.getTopN(), analyzer::topN);
    set("maxSeries", properties.getMaxSeries(), analyzer::maxSeries);
    set("maxTrackedThreads", properties.getMaxTrackedThreads(), analyzer::maxTrackedThreads);
    set("window", properties.getWindow(), analyzer::window);
    set("windowSlices", properties.getWindowSlices(), analyzer::windowSlices);
    set(
        "libraryPackages",
        properties.getLibraryPackages(),
        packages -> analyzer.libraryPackages(packages.toArray(String[]::new)));
    try {
      return analyzer.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(property("maxSeries") + "=" + e.getMessage());
    }
  }

  private static <T> void set(String key, T value, Consumer<T> setter) {
    if (value == null) {
      return;
    }
    try {
      setter.accept(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          property(key) + "=" + value + ": " + withoutValue(e.getMessage()));
    }
  }

  /** {@code threshold.monitor_enter} becomes {@code jfr-threads.threshold-monitor-enter}. */
  static String property(String key) {
    StringBuilder name = new StringBuilder(JfrThreadsProperties.PREFIX).append('.');
    for (char c : key.toCharArray()) {
      if (c == '.' || c == '_') {
        name.append('-');
      } else if (Character.isUpperCase(c)) {
        name.append('-').append(Character.toLowerCase(c));
      } else {
        name.append(c);
      }
    }
    return name.toString();
  }

  // The builders' messages lead with the value as they read it ("PT0.1S: illegal sampler
  // interval..."); the property already does, as it was written.
  private static String withoutValue(String message) {
    int colon = message.indexOf(": illegal ");
    return colon > 0 && message.indexOf(' ') > colon ? message.substring(colon + 2) : message;
  }
}
