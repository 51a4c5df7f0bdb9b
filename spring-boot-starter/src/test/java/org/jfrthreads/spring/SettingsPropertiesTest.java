package org.jfrthreads.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.exporter.JfrThreads;
import org.jfrthreads.exporter.internal.settings.Configuration;
import org.jfrthreads.exporter.internal.settings.Setting;
import org.jfrthreads.exporter.internal.settings.ValueType;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.ThreadEventSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

class SettingsPropertiesTest {

  @Test
  void propertyNamesAreTheTablesKeysInKebabCase() {
    assertThat(SettingsProperties.names())
        .startsWith("jfr-threads.enabled", "jfr-threads.threshold")
        .contains(
            "jfr-threads.threshold-monitor-enter",
            "jfr-threads.top-n",
            "jfr-threads.cpu-budget",
            "jfr-threads.virtual-thread-dump-max-live")
        .doesNotContain("jfr-threads.log-level", "jfr-threads.http-user");
  }

  @Test
  void valuesGoToTheBuildersAndAPerKindThresholdWinsOverTheCommonOne() {
    MockEnvironment environment =
        new MockEnvironment()
            // given in the opposite order of the table's
            .withProperty("jfr-threads.threshold-park", "50ms")
            .withProperty("jfr-threads.threshold", "20ms")
            .withProperty("jfr-threads.stack-depth", "8")
            .withProperty("jfr-threads.top-n", "5")
            .withProperty("jfr-threads.window", "1.5m")
            .withProperty("jfr-threads.library-packages", "io.netty.,org.acme.lib.");

    Configuration configuration = configuration(environment);

    ThreadEventSettings events = configuration.eventSettings();
    AnalyzerConfig analyzer = configuration.analyzerConfig();
    assertThat(events.threshold(BlockingKind.MONITOR_ENTER)).isEqualTo(Duration.ofMillis(20));
    assertThat(events.threshold(BlockingKind.PARK)).isEqualTo(Duration.ofMillis(50));
    assertThat(events.pinnedThreshold()).isEqualTo(ThreadEventSettings.DEFAULT_PINNED_THRESHOLD);
    assertThat(events.stackDepth()).isEqualTo(8);
    assertThat(analyzer.topN()).isEqualTo(5);
    assertThat(analyzer.maxSeries()).isEqualTo(AnalyzerConfig.defaults().maxSeries());
    assertThat(analyzer.window()).isEqualTo(Duration.ofSeconds(90));
    assertThat(analyzer.libraryPackages()).contains("io.netty.", "org.acme.lib.");
  }

  @Test
  void relaxedNamesAndEnvironmentVariablesBindAsForAnySpringProperty() {
    MockEnvironment environment = new MockEnvironment().withProperty("jfr-threads.topN", "7");
    environment
        .getPropertySources()
        .addLast(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("JFRTHREADS_THRESHOLDPARK", "30ms", "JFRTHREADS_STACKDEPTH", "4")));

    Configuration configuration = configuration(environment);

    assertThat(configuration.analyzerConfig().topN()).isEqualTo(7);
    assertThat(configuration.eventSettings().threshold(BlockingKind.PARK))
        .isEqualTo(Duration.ofMillis(30));
    assertThat(configuration.eventSettings().stackDepth()).isEqualTo(4);
  }

  /** Every setting is read under its property, with the table's grammar and checks. */
  @ParameterizedTest
  @MethodSource("org.jfrthreads.spring.SettingsProperties#settings")
  void everySettingIsBoundUnderItsPropertyAndCheckedByTheTable(Setting<?> setting) {
    String property = SettingsProperties.property(setting);
    // Ill-formed for every grammar but prefixes, which refuse an empty prefix.
    String bad = setting.type() == ValueType.PREFIXES ? "a::b" : "1x";
    MockEnvironment environment = new MockEnvironment().withProperty(property, bad);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> configuration(environment))
        .withMessageStartingWith(property + "=")
        .withMessageContaining(": illegal ");
  }

  @Test
  void aRefusedValueIsNamedAsThePropertyIsWrittenWithTheTablesMessage() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> configuration(new MockEnvironment().withProperty("jfr-threads.window", "2h")))
        .withMessage("jfr-threads.window=2h: illegal window. Expecting 1 s to 1 h.");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                SettingsProperties.configure(
                    new MockEnvironment()
                        .withProperty("jfr-threads.top-n", "50")
                        .withProperty("jfr-threads.max-series", "10"),
                    JfrThreads.builder()))
        .withMessage("jfr-threads.max-series=10: illegal maxSeries. Expecting at least topN (50).");
  }

  @Test
  void anUnknownNameOrOneOfTheAgentsIsRefusedNamingTheProperties() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> configuration(new MockEnvironment().withProperty("jfr-threads.treshold", "5ms")))
        .withMessageStartingWith(
            "jfr-threads.treshold: unknown setting. Expecting one of [jfr-threads.enabled,"
                + " jfr-threads.threshold, ");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> configuration(new MockEnvironment().withProperty("jfr-threads.logLevel", "info")))
        .withMessageStartingWith(
            "jfr-threads.loglevel: a setting of the agent, not of the starter. Expecting one of");
  }

  /** What IDEs complete is the table: the file equals what the table gives, and parses. */
  @Test
  void configurationMetadataIsTheTable() throws IOException {
    String expected = ConfigurationMetadataFromTable.json();
    String actual;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream(ConfigurationMetadataFromTable.RESOURCE)) {
      assertThat(in).as(ConfigurationMetadataFromTable.RESOURCE).isNotNull();
      actual = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!actual.equals(expected)) {
      Path written = Path.of("target", "spring-configuration-metadata.json");
      Files.writeString(written, expected);
      assertThat(actual)
          .as(
              "src/main/resources/%s is out of date with the settings table; replace it by %s",
              ConfigurationMetadataFromTable.RESOURCE, written.toAbsolutePath())
          .isEqualTo(expected);
    }

    Map<String, ConfigurationMetadataProperty> properties;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream(ConfigurationMetadataFromTable.RESOURCE)) {
      properties = ConfigurationMetadataRepositoryJsonBuilder.create(in).build().getAllProperties();
    }
    assertThat(properties.keySet()).containsExactlyInAnyOrderElementsOf(SettingsProperties.names());
    properties.forEach(
        (name, property) -> assertThat(property.getDescription()).as(name).isNotBlank());
    assertThat(properties.get("jfr-threads.stack-depth").getDefaultValue()).isEqualTo(16);
  }

  private static Configuration configuration(MockEnvironment environment) {
    return SettingsProperties.configuration(environment, JfrThreads.builder());
  }
}
