package org.jfrthreads.exporter.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds expressions that select a metric nobody publishes: a renamed family, a typo, or a native
 * histogram name where the classic {@code _bucket} series is meant.
 */
final class MetricNameCheck {

  private MetricNameCheck() {}

  /**
   * @param expressions pairs of (where the expression comes from, the PromQL)
   * @param known the series names that exist
   * @return one line per offending expression, naming its source and the unknown names; empty if
   *     none
   */
  static List<String> unknownNames(List<Labelled> expressions, Set<String> known) {
    List<String> problems = new ArrayList<>();
    for (Labelled expression : expressions) {
      Set<String> names = PromQlMetricNames.of(expression.expr());
      if (names.isEmpty()) {
        problems.add(expression.source() + " selects no metric at all: " + expression.expr());
        continue;
      }
      Set<String> unknown = new TreeSet<>(names);
      unknown.removeAll(known);
      if (!unknown.isEmpty()) {
        problems.add(
            expression.source()
                + " names unknown metrics "
                + unknown
                + " in: "
                + expression.expr());
      }
    }
    return problems;
  }

  /** An expression and where it comes from. */
  record Labelled(String source, String expr) {}
}
