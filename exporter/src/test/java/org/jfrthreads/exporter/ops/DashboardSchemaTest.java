package org.jfrthreads.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * The shipped dashboard type-checks against the pinned {@code @grafana/schema} Dashboard type
 * (src/test/grafana/check-dashboard.mjs), and a dashboard that violates the schema does not. Both
 * go through one tsc run, which costs seconds.
 */
class DashboardSchemaTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir static Path dir;

  private static Path broken;
  private static Subprocess.Result result;
  private static TestAbortedException missing;

  @BeforeAll
  static void typeCheckShippedAndBrokenDashboards() throws Exception {
    Path node;
    try {
      node = OpsTools.node();
    } catch (TestAbortedException e) {
      missing = e;
      return;
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode dashboard = (ObjectNode) json.readTree(OpsTools.dashboardFile().toFile());
    ((ObjectNode) dashboard.withArray("/panels").get(1).get("gridPos"))
        .remove("y"); // required by GridPos
    ((ObjectNode) dashboard.withArray("/panels").get(2))
        .put("titel", "Live virtual threads"); // no such Panel property
    dashboard.put("schemaVersion", "39"); // a number in the schema
    broken = dir.resolve("broken-dashboard.json");
    json.writeValue(broken.toFile(), dashboard);

    Path checkDir = OpsTools.dashboardCheckDir();
    result =
        Subprocess.run(
            checkDir,
            TIMEOUT,
            List.of(
                node.toString(),
                checkDir.resolve("check-dashboard.mjs").toString(),
                OpsTools.dashboardFile().toString(),
                broken.toString()));
  }

  @BeforeEach
  void requireNode() {
    OpsTools.rethrowIfMissing(missing);
  }

  @Test
  void shippedDashboardSatisfiesTheGrafanaSchema() {
    assertThat(result.output())
        .as("%s", result)
        .contains(OpsTools.dashboardFile() + ": satisfies the @grafana/schema Dashboard type");
  }

  @Test
  void aDashboardViolatingTheSchemaFailsTheTypeCheck() {
    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    String report = result.output().substring(result.output().indexOf(broken.toString()));
    assertThat(report)
        .as("%s", result)
        .startsWith(broken + ": does not satisfy the @grafana/schema Dashboard type")
        .contains("Type 'string' is not assignable to type 'number'")
        .contains("Property 'y' is missing")
        .contains("'\"titel\"' does not exist");
  }
}
