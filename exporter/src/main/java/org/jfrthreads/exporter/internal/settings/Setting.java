package org.jfrthreads.exporter.internal.settings;

import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * One setting: its key, how its text is read, its default, range and meaning, where it applies, and
 * the builder setter it goes to.
 *
 * @param key the name in agent options, properties files and {@code KEY=VALUE} arguments
 * @param type how the text is read
 * @param defaultValue the default as the user would write it; {@code ""} for none
 * @param range the values taken, as checked by the setter
 * @param meaning what it does, one line
 * @param scope where it applies
 * @param setter hands the value to its builder, whose setter validates it; does nothing for a
 *     setting of {@link Scope#AGENT}, which the agent reads itself
 * @param <T> the Java type of the values
 */
public record Setting<T>(
    String key,
    ValueType<T> type,
    String defaultValue,
    Range range,
    String meaning,
    Scope scope,
    BiConsumer<Configuration, T> setter) {

  public Setting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(meaning, "meaning");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(setter, "setter");
  }

  /**
   * Reads {@code text} and gives the value to its setter.
   *
   * @throws IllegalArgumentException with the message of the grammar or of the setter, which leads
   *     with the value; the caller names the setting in front of it
   */
  void apply(Configuration configuration, String text) {
    setter.accept(configuration, type.parse(text));
  }
}
