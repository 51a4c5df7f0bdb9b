package org.jfrthreads.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jfrthreads.exporter.JfrThreads;
import org.jfrthreads.exporter.internal.settings.Configuration;
import org.jfrthreads.exporter.internal.settings.Setting;
import org.jfrthreads.exporter.internal.settings.Settings;
import org.jfrthreads.exporter.internal.settings.ValueType;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * The project's settings table ({@link Settings#ALL}) as {@code jfr-threads.*} properties: every
 * setting that applies to the library in this JVM, under its key in kebab case ({@code
 * threshold.monitor_enter} is {@code jfr-threads.threshold-monitor-enter}, {@code topN} is {@code
 * jfr-threads.top-n}), bound the way Spring Boot binds any property, so {@code
 * JFRTHREADS_THRESHOLDPARK} in the environment and a YAML list for {@code library-packages} work
 * too. Values are read with the table's grammar and checked by the table's setters; a setting that
 * is not set keeps the library's default.
 *
 * <p>A bad value or an unknown {@code jfr-threads.*} name fails the context's start with one
 * message that leads with the property as written: {@code jfr-threads.stack-depth=100: illegal
 * stack depth. Expecting 1 to 64.}; the table's exception is not chained, its message would only
 * repeat this one. The starter's IDE metadata ({@code META-INF/spring-configuration-metadata.json})
 * lists the same properties; a test compares it with the table.
 */
final class SettingsProperties {

  static final String PREFIX = "jfr-threads";

  /** The starter's own property, not in the table: whether to watch at all. */
  static final String ENABLED = PREFIX + ".enabled";

  private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(PREFIX);

  private SettingsProperties() {}

  /** The settings of the table that the starter takes, in table order. */
  static List<Setting<?>> settings() {
    Configuration library = Configuration.inProcess(JfrThreads.builder());
    return Settings.ALL.stream().filter(library::accepts).toList();
  }

  /** {@code threshold.monitor_enter} is {@code jfr-threads.threshold-monitor-enter}. */
  static String property(Setting<?> setting) {
    StringBuilder name = new StringBuilder(PREFIX).append('.');
    for (char c : setting.key().toCharArray()) {
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

  /**
   * Applies every {@code jfr-threads.*} property set in {@code environment} to {@code builder}, in
   * table order (the common threshold before a per-kind one); leaves its registry and port alone.
   *
   * @throws IllegalArgumentException for an unknown property or a value the table refuses
   */
  static JfrThreads.Builder configure(Environment environment, JfrThreads.Builder builder) {
    Configuration configuration = configuration(environment, builder);
    try {
      return configuration.jfrThreads();
    } catch (IllegalArgumentException e) {
      // The one check across settings: maxSeries at least topN.
      throw new IllegalArgumentException(
          property(Settings.find("maxSeries").orElseThrow()) + "=" + e.getMessage());
    }
  }

  /** The table's configuration of {@code builder} with the properties applied, one by one. */
  static Configuration configuration(Environment environment, JfrThreads.Builder builder) {
    refuseUnknown(environment);
    Binder binder = Binder.get(environment);
    Configuration configuration = Configuration.inProcess(builder);
    for (Setting<?> setting : settings()) {
      String property = property(setting);
      String text = text(binder, property, setting);
      if (text != null) {
        try {
          configuration.apply(setting, text);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(property + "=" + e.getMessage());
        }
      }
    }
    return configuration;
  }

  // Prefixes are `:`-separated in the table; a Spring list (comma-separated, YAML or indexed)
  // is joined the same way, so both spellings reach the same grammar.
  private static String text(Binder binder, String property, Setting<?> setting) {
    if (setting.type() == ValueType.PREFIXES) {
      return binder
          .bind(property, Bindable.listOf(String.class))
          .map(prefixes -> String.join(":", prefixes))
          .orElse(null);
    }
    return binder.bind(property, Bindable.of(String.class)).orElse(null);
  }

  private static void refuseUnknown(Environment environment) {
    List<ConfigurationPropertyName> known = new ArrayList<>();
    known.add(ConfigurationPropertyName.of(ENABLED));
    settings().forEach(setting -> known.add(ConfigurationPropertyName.of(property(setting))));
    SortedMap<String, ConfigurationPropertyName> unknown = new TreeMap<>();
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      if (source instanceof IterableConfigurationPropertySource names) {
        try (Stream<ConfigurationPropertyName> under = names.stream()) {
          under
              .filter(ROOT::isAncestorOf)
              .filter(name -> known.stream().noneMatch(k -> k.equals(name) || k.isAncestorOf(name)))
              .forEach(name -> unknown.put(name.toString(), name));
        }
      }
    }
    if (!unknown.isEmpty()) {
      ConfigurationPropertyName name = unknown.values().iterator().next();
      boolean agents =
          Settings.ALL.stream()
              .map(setting -> ConfigurationPropertyName.of(property(setting)))
              .anyMatch(name::equals);
      throw new IllegalArgumentException(
          name
              + (agents ? ": a setting of the agent, not of the starter." : ": unknown setting.")
              + " Expecting one of "
              + names()
              + ".");
    }
  }

  /** {@code jfr-threads.enabled} and the properties of {@link #settings()}. */
  static List<String> names() {
    List<String> names = new ArrayList<>();
    names.add(ENABLED);
    settings().forEach(setting -> names.add(property(setting)));
    return names;
  }
}
