package org.jfrthreads.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {

  private static String result(
      String method, String recording, String threshold, double score, String error) {
    return """
        {
          "jmhVersion" : "1.37",
          "benchmark" : "org.jfrthreads.benchmarks.WorkloadOverheadBenchmark.%s",
          "mode" : "thrpt",
          "params" : { "recording" : "%s", "thresholdMs" : "%s" },
          "primaryMetric" : {
            "score" : %s, "scoreError" : %s, "scoreConfidence" : [ 0.0, 1.0 ], "scoreUnit" : "ops/s"
          },
          "secondaryMetrics" : {
            "gc.alloc.rate" : { "score" : 12.5, "scoreError" : "NaN", "scoreUnit" : "MB/sec" },
            "gc.alloc.rate.norm" : { "score" : 2048.0, "scoreError" : 10.0, "scoreUnit" : "B/op" }
          }
        }"""
        .formatted(method, recording, threshold, score, error);
  }

  @Test
  void tableDividesEachScoreByItsNoRecordingBaselineAndBlanksTheBaselineSettings() {
    String json =
        "["
            + result("churn", "none", "0", 200.0, "4.0")
            + ","
            + result("churn", "pipeline", "10", 150.0, "3.0")
            + ","
            + result("churn", "jfr", "10", 100.0, "\"NaN\"")
            + "]";

    String tables = ResultsTable.tables(ResultsTable.parse("test.json", json));

    assertThat(tables)
        .isEqualTo(
            """

            ## WorkloadOverheadBenchmark

            | Benchmark | recording | thresholdMs | Mode | Score | ± | Unit | vs none | alloc (B/op) |
            | --- | --- | --- | --- | --- | --- | --- | --- | --- |
            | churn | none | - | thrpt | 200.0 | 4.000 | ops/s | 1.000 ± 0.028 | 2,048 ± 10.0 |
            | churn | pipeline | 10 | thrpt | 150.0 | 3.000 | ops/s | 0.750 ± 0.021 | 2,048 ± 10.0 |
            | churn | jfr | 10 | thrpt | 100.0 | n/a | ops/s | 0.500 | 2,048 ± 10.0 |
            """);
  }

  @Test
  void jsonReaderKeepsNestingOrderAndEscapes() {
    Object parsed = Json.parse("{\"b\": [1, -2.5e3, true, null], \"a\": \"x\\\"\\u00e9\"}");

    assertThat(parsed).hasToString("{b=[1.0, -2500.0, true, null], a=x\"é}");
  }

  @Test
  void jsonReaderNamesTheOffsetOfAnError() {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> Json.parse("[1, 2"))
        .withMessageStartingWith("offset 5: illegal JSON (");
  }

  @Test
  void aDocumentThatIsNotAnArrayIsRejectedByName() {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> ResultsTable.parse("results.json", "{}"))
        .withMessage("results.json: illegal JMH result. Expecting a JSON array.");
  }

  @Test
  void numbersKeepThreeSignificantDigitsOrWholeThousands() {
    assertThat(List.of(1234567.8, 123.45, 1.23456, Double.NaN).stream().map(ResultsTable::format))
        .containsExactly("1,234,568", "123.5", "1.235", "n/a");
  }
}
