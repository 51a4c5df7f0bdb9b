package org.jfrthreads.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard's blocking and pinned heatmaps ask Prometheus for exemplars. */
class DashboardExemplarsTest {

  @Test
  void everyQueryOfBlockingOrPinnedBucketsShowsExemplars() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(OpsTools.dashboardFile().toFile());
    List<String> bucketQueries = new ArrayList<>();
    List<String> withoutExemplars = new ArrayList<>();
    collect(dashboard.path("panels"), bucketQueries, withoutExemplars);

    assertThat(bucketQueries)
        .anyMatch(expr -> expr.contains("jvm_thread_blocked_seconds_bucket"))
        .anyMatch(expr -> expr.contains("jvm_thread_pinned_seconds_bucket"));
    assertThat(withoutExemplars).as("bucket queries without \"exemplar\": true").isEmpty();
  }

  private static void collect(
      JsonNode panels, List<String> bucketQueries, List<String> withoutExemplars) {
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asText();
        if (expr.matches(".*jvm_thread_(blocked|pinned)_seconds_bucket.*")) {
          bucketQueries.add(expr);
          if (!target.path("exemplar").asBoolean(false)) {
            withoutExemplars.add(panel.path("title").asText() + ": " + expr);
          }
        }
      }
      collect(panel.path("panels"), bucketQueries, withoutExemplars);
    }
  }
}
