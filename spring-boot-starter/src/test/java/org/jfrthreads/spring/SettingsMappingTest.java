package org.jfrthreads.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.stream.BlockingKind;
import org.jfrthreads.stream.ThreadEventSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;

class SettingsMappingTest {

  @Test
  void aPerKindThresholdWinsOverTheCommonOneAndUnsetSettingsKeepTheDefaults() {
    JfrThreadsProperties properties = new JfrThreadsProperties();
    properties.setThreshold(Duration.ofMillis(20));
    properties.setThresholdPark(Duration.ofMillis(50));
    properties.setStackDepth(8);
    properties.setTopN(5);
    properties.setWindow(Duration.ofMinutes(2));
    properties.setLibraryPackages(List.of("io.netty."));

    ThreadEventSettings events = SettingsMapping.eventSettings(properties);
    AnalyzerConfig analyzer = SettingsMapping.analyzerConfig(properties);

    assertThat(events.threshold(BlockingKind.MONITOR_ENTER)).isEqualTo(Duration.ofMillis(20));
    assertThat(events.threshold(BlockingKind.PARK)).isEqualTo(Duration.ofMillis(50));
    assertThat(events.pinnedThreshold()).isEqualTo(ThreadEventSettings.DEFAULT_PINNED_THRESHOLD);
    assertThat(analyzer.topN()).isEqualTo(5);
    assertThat(analyzer.maxSeries()).isEqualTo(AnalyzerConfig.defaults().maxSeries());
    assertThat(analyzer.window()).isEqualTo(Duration.ofMinutes(2));
    assertThat(analyzer.libraryPackages()).contains("io.netty.");
  }

  @Test
  void aRefusedValueIsNamedAsThePropertyIsWritten() {
    JfrThreadsProperties properties = new JfrThreadsProperties();
    properties.setWindow(Duration.ofHours(2));

    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> SettingsMapping.analyzerConfig(properties))
        .withMessage("jfr-threads.window=PT2H: illegal window. Expecting 1 s to 1 h.");
  }

  @Test
  void propertyNamesAreTheAgentsKeysInKebabCase() {
    assertThat(SettingsMapping.property("threshold.monitor_enter"))
        .isEqualTo("jfr-threads.threshold-monitor-enter");
    assertThat(SettingsMapping.property("virtualThreadDumpMaxLive"))
        .isEqualTo("jfr-threads.virtual-thread-dump-max-live");
  }

  /** What IDEs complete: every setting, each with a description. */
  @Test
  void configurationMetadataListsEverySettingWithADescription() throws Exception {
    Map<String, ConfigurationMetadataProperty> properties;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("the configuration processor's output").isNotNull();
      properties = ConfigurationMetadataRepositoryJsonBuilder.create(in).build().getAllProperties();
    }
    properties.forEach(
        (name, property) -> assertThat(property.getDescription()).as(name).isNotBlank());
    TreeSet<String> names = new TreeSet<>(properties.keySet());

    assertThat(names)
        .containsExactlyInAnyOrder(
            "jfr-threads.enabled",
            "jfr-threads.threshold",
            "jfr-threads.threshold-monitor-enter",
            "jfr-threads.threshold-monitor-wait",
            "jfr-threads.threshold-park",
            "jfr-threads.threshold-sleep",
            "jfr-threads.threshold-pinned",
            "jfr-threads.virtual-thread-lifecycle",
            "jfr-threads.stack-depth",
            "jfr-threads.top-n",
            "jfr-threads.max-series",
            "jfr-threads.max-tracked-threads",
            "jfr-threads.window",
            "jfr-threads.window-slices",
            "jfr-threads.library-packages",
            "jfr-threads.state-sampling",
            "jfr-threads.state-sampler-interval",
            "jfr-threads.virtual-thread-dump",
            "jfr-threads.virtual-thread-dump-max-live");
  }
}
