package org.jfrthreads.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every shipped alert is documented for the on-call engineer and covered by promtool unit tests.
 */
class AlertCoverageTest {

  @Test
  void everyAlertHasUnitTestsAndAnnotationsThatSayWhatToDo() throws IOException {
    StringBuilder tests = new StringBuilder();
    for (Path file : testFiles(OpsTools.promtoolTestsDir())) {
      tests.append(Files.readString(file));
    }
    List<String> untested = new ArrayList<>();
    for (RulesFile.Rule alert : RulesFile.read(OpsTools.rulesFile()).alerts()) {
      // a case where it fires (an expected alert with labels) and the idle JVM's quiet check
      Pattern fires =
          Pattern.compile("alertname: " + alert.name() + "\\n\\s+exp_alerts:\\n\\s+- exp_labels:");
      if (!fires.matcher(tests).find()) {
        untested.add(alert.name() + " (never expected to fire)");
      }
      if (!tests.toString().contains("alertname: " + alert.name() + ", exp_alerts: []")) {
        untested.add(alert.name() + " (not in the idle-JVM check)");
      }
    }
    assertThat(untested).as("alerts without a firing test or without the idle-JVM check").isEmpty();

    String[] parts = Files.readString(OpsTools.rulesFile()).split("- alert: ");
    List<String> incomplete = new ArrayList<>();
    for (String alert : List.of(parts).subList(1, parts.length)) {
      if (!(alert.contains("severity:")
          && alert.contains("summary:")
          && alert.contains("description:")
          && alert.contains("Next:"))) {
        incomplete.add(alert.lines().findFirst().orElseThrow());
      }
    }
    assertThat(parts).hasSize(RulesFile.read(OpsTools.rulesFile()).alerts().size() + 1);
    assertThat(incomplete)
        .as("alerts without severity, summary, or a description saying what to look at Next")
        .isEmpty();
  }

  private static List<Path> testFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".test.yml"))
          .sorted()
          .toList();
    }
  }
}
