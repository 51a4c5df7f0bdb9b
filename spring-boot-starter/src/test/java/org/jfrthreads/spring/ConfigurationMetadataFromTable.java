package org.jfrthreads.spring;

import java.util.List;
import java.util.Map;
import org.jfrthreads.exporter.internal.settings.Setting;
import org.jfrthreads.exporter.internal.settings.ValueType;

/**
 * The starter's IDE metadata, {@code META-INF/spring-configuration-metadata.json}, as the settings
 * table says it should be: {@code jfr-threads.enabled}, then one property per setting of {@link
 * SettingsProperties#settings()} with the table's meaning, range and default.
 */
final class ConfigurationMetadataFromTable {

  static final String RESOURCE = "META-INF/spring-configuration-metadata.json";

  // Durations, prefixes and files keep the table's grammar, which is not Spring's (1.5s, a:b):
  // IDEs would check them against Spring's.
  private static final Map<ValueType<?>, String> JAVA_TYPES =
      Map.of(
          ValueType.BOOLEAN, "java.lang.Boolean",
          ValueType.INTEGER, "java.lang.Integer",
          ValueType.LONG, "java.lang.Long",
          ValueType.DECIMAL, "java.lang.Double");

  private ConfigurationMetadataFromTable() {}

  static String json() {
    StringBuilder json = new StringBuilder("{\n");
    json.append("  \"groups\": [\n")
        .append("    {\n")
        .append("      \"name\": \"" + SettingsProperties.PREFIX + "\",\n")
        .append("      \"description\": \"Threads of this JVM, platform and virtual, watched")
        .append(" through JFR into the application's Prometheus registry.\"\n")
        .append("    }\n")
        .append("  ],\n")
        .append("  \"properties\": [\n");
    property(
        json,
        SettingsProperties.ENABLED,
        "java.lang.Boolean",
        "Whether to watch this JVM's threads into the application's Prometheus registry.",
        "true");
    List<Setting<?>> settings = SettingsProperties.settings();
    for (Setting<?> setting : settings) {
      json.append(",\n");
      String javaType = JAVA_TYPES.getOrDefault(setting.type(), "java.lang.String");
      property(
          json,
          SettingsProperties.property(setting),
          javaType,
          description(setting),
          setting.defaultValue().isEmpty()
              ? null
              : javaType.equals("java.lang.String")
                  ? quoted(setting.defaultValue())
                  : setting.defaultValue());
    }
    return json.append("\n  ]\n}\n").toString();
  }

  private static String description(Setting<?> setting) {
    String meaning = setting.meaning().replace("`", "");
    String text = Character.toUpperCase(meaning.charAt(0)) + meaning.substring(1) + ".";
    if (setting.type() == ValueType.BOOLEAN) {
      return text;
    }
    String range = setting.range().text().replace("`", "");
    return text
        + " Range: "
        + range
        + (setting.type() == ValueType.DURATION ? ", such as 500us, 20ms, 1.5s, 2m, 1h." : ".");
  }

  private static void property(
      StringBuilder json, String name, String type, String description, String defaultValue) {
    json.append("    {\n")
        .append("      \"name\": " + quoted(name) + ",\n")
        .append("      \"type\": " + quoted(type) + ",\n")
        .append("      \"description\": " + quoted(description));
    if (defaultValue != null) {
      json.append(",\n      \"defaultValue\": " + defaultValue);
    }
    json.append("\n    }");
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
