package org.jfrthreads.exporter.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfrthreads.exporter.JfrThreads;
import org.jfrthreads.stream.BlockingKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class SettingsTest {

  static final java.util.List<Setting<?>> ALL = Settings.ALL;

  @Test
  void keysAreUnique() {
    assertThat(ALL).extracting(Setting::key).doesNotHaveDuplicates();
  }

  /** The default written in the table is what the builders start with. */
  @ParameterizedTest
  @FieldSource("ALL")
  void theDefaultReadsAndIsTheBuildersOwn(Setting<?> setting) {
    if (setting.defaultValue().isEmpty()) {
      return; // off unless set
    }
    Configuration configuration = Configuration.agent(JfrThreads.builder());
    Configuration defaults = Configuration.agent(JfrThreads.builder());

    configuration.apply(setting, setting.defaultValue());

    assertThat(configuration.eventSettings().toJfrSettings())
        .isEqualTo(defaults.eventSettings().toJfrSettings());
    assertThat(configuration.analyzerConfig())
        .usingRecursiveComparison()
        .isEqualTo(defaults.analyzerConfig());
  }

  /**
   * The range in the table is the one the setter checks: both ends are taken, and what lies just
   * outside them is refused.
   */
  @ParameterizedTest
  @FieldSource("ALL")
  void theRangeIsTheOneTheSetterChecks(Setting<?> setting) {
    Range range = setting.range();
    if (range.lowest() != null) {
      Object lowest = setting.type().parse(range.lowest());
      assertThatNoException().as(setting.key()).isThrownBy(() -> set(setting, lowest));
      assertThatIllegalArgumentException()
          .as(setting.key())
          .isThrownBy(() -> set(setting, step(lowest, -1)));
    }
    if (range.highest() != null) {
      Object highest = setting.type().parse(range.highest());
      assertThatNoException().as(setting.key()).isThrownBy(() -> set(setting, highest));
      assertThatIllegalArgumentException()
          .as(setting.key())
          .isThrownBy(() -> set(setting, step(highest, 1)));
    }
  }

  @Test
  void theReadmeTableIsTheTable() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    String begin =
        "<!-- settings table: generated from Settings.ALL, checked by SettingsTest -->\n";
    String end = "<!-- end of settings table -->";
    int from = readme.indexOf(begin);
    int to = readme.indexOf(end);
    assertThat(from).as("README.md marks the settings table with " + begin).isNotNegative();

    assertThat(readme.substring(from + begin.length(), to))
        .as("README.md's settings table; jfr-threads settings prints the table")
        .isEqualTo(Settings.markdownTable());
  }

  @Test
  void generalSettingsApplyBeforeSpecificOnesWhateverTheOrderGiven() {
    Map<String, String> given = new LinkedHashMap<>();
    given.put("threshold.park", "20ms");
    given.put("threshold", "5ms");

    Configuration configuration = Configuration.events().set(given);

    assertThat(configuration.eventSettings().threshold(BlockingKind.PARK))
        .isEqualTo(Duration.ofMillis(20));
    assertThat(configuration.eventSettings().threshold(BlockingKind.SLEEP))
        .isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void aSettingOfTheWatchedJvmIsRefusedWhenFollowingAnother() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Configuration.events().set(Map.of("stateSampling", "false")))
        .withMessageStartingWith("stateSampling=false: not a setting here. Expecting one of [");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Configuration.events().set(Map.of("treshold", "1ms")))
        .withMessageStartingWith("treshold=1ms: unknown setting. Expecting one of [threshold,");
  }

  @Test
  void anErrorNamesTheSettingThenGivesTheSettersMessage() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Configuration.events().set(Map.of("window", "2h")))
        .withMessage("window=2h: illegal window. Expecting 1 s to 1 h.");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Configuration.events().set(Map.of("threshold", "5124096h")))
        .withMessage(
            "threshold=5124096h: illegal duration. Expecting at most 2562047h (about 292 years).");
  }

  @SuppressWarnings("unchecked")
  private static <T> void set(Setting<T> setting, Object value) {
    setting.setter().accept(Configuration.agent(JfrThreads.builder()), (T) value);
  }

  private static Object step(Object value, int sign) {
    return switch (value) {
      case Integer i -> i + sign;
      case Long l -> l + sign;
      case Duration d -> d.plusNanos(sign);
      case Double d -> sign > 0 ? Math.nextUp(d) : Math.nextDown(d);
      default -> throw new AssertionError("no step for " + value);
    };
  }
}
