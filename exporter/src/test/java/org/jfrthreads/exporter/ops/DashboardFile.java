package org.jfrthreads.exporter.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL a Grafana dashboard sends, with its template variables filled in as Grafana would.
 *
 * <p>Panel queries come from {@code panels[].targets[].expr} (rows included); template variables of
 * type {@code query} contribute their {@code label_values(selector, label)} as the PromQL {@code
 * count by (label) (selector)}, which selects the same series. Custom variables are filled in with
 * all their values, as Grafana does for "All" ({@code (a|b|c)}); the caller gives the values of the
 * others (job, instance) and of Grafana's built-ins ({@code $__rate_interval}, {@code $__range},
 * ...).
 */
final class DashboardFile {

  /** One query: where it comes from, its PromQL with variables filled in, and its query type. */
  record Query(String source, String expr, boolean instant) {
    @Override
    public String toString() {
      return source + ": " + expr;
    }
  }

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");
  private static final Pattern LABEL_VALUES =
      Pattern.compile("^\\s*label_values\\((.*),\\s*(\\w+)\\s*\\)\\s*$", Pattern.DOTALL);

  private final JsonNode root;

  private DashboardFile(JsonNode root) {
    this.root = root;
  }

  static DashboardFile read(Path file) throws IOException {
    return new DashboardFile(new ObjectMapper().readTree(file.toFile()));
  }

  /**
   * Grafana's built-in variables as a test fills them in: a rate interval of 1 minute (four scrapes
   * at Prometheus' default 15 s interval) and a 5-minute dashboard range.
   */
  static Map<String, String> builtInVariables() {
    return Map.of(
        "__rate_interval", "1m", "__interval", "15s", "__range", "5m", "__range_s", "300");
  }

  /**
   * Every query of the dashboard, variables filled in from {@code variables}, the dashboard's
   * custom variables and {@link #builtInVariables()}.
   *
   * @throws IllegalArgumentException naming the query, if it uses a variable none of them defines
   */
  List<Query> queries(Map<String, String> variables) {
    Map<String, String> values = new HashMap<>(builtInVariables());
    for (JsonNode variable : root.path("templating").path("list")) {
      if (variable.path("type").asText().equals("custom")) {
        List<String> options = List.of(variable.path("query").asText().split("\\s*,\\s*"));
        values.put(variable.path("name").asText(), "(" + String.join("|", options) + ")");
      }
    }
    values.putAll(variables);

    List<Query> queries = new ArrayList<>();
    for (JsonNode variable : root.path("templating").path("list")) {
      if (!variable.path("type").asText().equals("query")) {
        continue;
      }
      JsonNode query = variable.path("query");
      String text = query.isObject() ? query.path("query").asText() : query.asText();
      String source = "variable $" + variable.path("name").asText();
      Matcher labelValues = LABEL_VALUES.matcher(text);
      if (!labelValues.matches()) {
        throw new IllegalArgumentException(
            source + ": '" + text + "' is not label_values(selector, label)");
      }
      String expr =
          "count by (" + labelValues.group(2) + ") (" + labelValues.group(1).strip() + ")";
      queries.add(new Query(source, fill(expr, values, source), true));
    }
    collectPanelQueries(root.path("panels"), values, queries);
    return List.copyOf(queries);
  }

  private static void collectPanelQueries(
      JsonNode panels, Map<String, String> values, List<Query> queries) {
    for (JsonNode panel : panels) {
      collectPanelQueries(panel.path("panels"), values, queries);
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asText("");
        if (expr.isBlank() || target.path("hide").asBoolean(false)) {
          continue;
        }
        String source =
            "panel '" + panel.path("title").asText() + "' query " + target.path("refId").asText();
        queries.add(
            new Query(source, fill(expr, values, source), target.path("instant").asBoolean(false)));
      }
    }
  }

  private static String fill(String expr, Map<String, String> values, String source) {
    Matcher matcher = VARIABLE.matcher(expr);
    StringBuilder filled = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
      String value = values.get(name);
      if (value == null) {
        throw new IllegalArgumentException(
            source + ": variable $" + name + " has no value; known: " + values.keySet());
      }
      matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(filled);
    return filled.toString();
  }
}
