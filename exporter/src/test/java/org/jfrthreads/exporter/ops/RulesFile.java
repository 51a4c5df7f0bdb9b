package org.jfrthreads.exporter.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The recording and alerting rules of a Prometheus rule file. */
final class RulesFile {

  /** One rule: {@code name} is the recorded series or the alert name. */
  record Rule(String group, String name, boolean alert, String expr) {
    @Override
    public String toString() {
      return (alert ? "alert " : "record ") + name;
    }
  }

  private final List<Rule> rules;

  private RulesFile(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  static RulesFile read(Path file) throws IOException {
    JsonNode root = new YAMLMapper().readTree(file.toFile());
    List<Rule> rules = new ArrayList<>();
    for (JsonNode group : root.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        boolean alert = rule.has("alert");
        String name = (alert ? rule.path("alert") : rule.path("record")).asText();
        rules.add(new Rule(group.path("name").asText(), name, alert, rule.path("expr").asText()));
      }
    }
    if (rules.isEmpty()) {
      throw new IllegalStateException(file + ": no rules under groups[].rules[]");
    }
    return new RulesFile(rules);
  }

  List<Rule> rules() {
    return rules;
  }

  List<Rule> alerts() {
    return rules.stream().filter(Rule::alert).toList();
  }

  /** The series the recording rules create. */
  Set<String> recordedNames() {
    Set<String> names = new LinkedHashSet<>();
    rules.stream().filter(rule -> !rule.alert()).forEach(rule -> names.add(rule.name()));
    return names;
  }
}
