package org.jfrthreads.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the Markdown results table from JMH JSON result files: the machine, the JDK, the command,
 * then one table per benchmark class with each score, its error (JMH's {@code scoreError}, the 99.9
 * % confidence half-width) and the secondary results that matter (bytes allocated per operation,
 * events per second, the parts of a group).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.jfrthreads.benchmarks.report.ResultsTable \
 *     --out benchmarks/RESULTS.md --command "benchmarks/run.sh" [--command ...] benchmarks/results/*.json
 * </pre>
 */
public final class ResultsTable {

  private static final String PACKAGE = "org.jfrthreads.benchmarks.";

  /** Secondary results left out: rates and counts that the normalized allocation already says. */
  private static final Set<String> NOISE = Set.of("gc.alloc.rate", "gc.count", "gc.time");

  /** The parameter whose "none" value is the baseline of a ratio column, when a class has it. */
  static final String BASELINE_PARAM = "recording";

  static final String BASELINE_VALUE = "none";

  private ResultsTable() {}

  public static void main(String[] args) throws IOException {
    Path out = null;
    List<String> commands = new ArrayList<>();
    String title = "Benchmark results";
    List<Path> inputs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--command" -> commands.add(args[++i]);
        case "--title" -> title = args[++i];
        default -> inputs.add(Path.of(args[i]));
      }
    }
    if (out == null || commands.isEmpty() || inputs.isEmpty()) {
      System.err.println(
          "usage: ResultsTable --out RESULTS.md --command \"a command run\"... [--title T] result.json...");
      System.exit(2);
    }
    List<Result> results = new ArrayList<>();
    for (Path input : inputs) {
      results.addAll(read(input));
    }
    Files.writeString(out, markdown(title, commands, results));
    System.out.println("wrote " + out + " (" + results.size() + " results)");
  }

  /** One JMH result: a benchmark method with one set of parameters. */
  record Result(
      String benchmark,
      Map<String, String> params,
      String mode,
      Metric primary,
      Map<String, Metric> secondary,
      Map<String, Object> raw) {

    String className() {
      String name =
          benchmark.startsWith(PACKAGE) ? benchmark.substring(PACKAGE.length()) : benchmark;
      return name.substring(0, name.lastIndexOf('.'));
    }

    String method() {
      return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }
  }

  /** A score, its error ({@code NaN} when JMH had too few iterations) and unit. */
  record Metric(double score, double error, String unit) {}

  static List<Result> read(Path file) throws IOException {
    return parse(file.toString(), Files.readString(file));
  }

  /** The results in one JMH JSON document; {@code source} names it in errors. */
  @SuppressWarnings("unchecked")
  static List<Result> parse(String source, String json) {
    Object parsed = Json.parse(json);
    if (!(parsed instanceof List<?> list)) {
      throw new IllegalArgumentException(source + ": illegal JMH result. Expecting a JSON array.");
    }
    List<Result> results = new ArrayList<>();
    for (Object element : list) {
      Map<String, Object> entry = (Map<String, Object>) element;
      Map<String, String> params = new LinkedHashMap<>();
      Object rawParams = entry.get("params");
      if (rawParams instanceof Map<?, ?> map) {
        map.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
      }
      Map<String, Metric> secondary = new LinkedHashMap<>();
      Object rawSecondary = entry.get("secondaryMetrics");
      if (rawSecondary instanceof Map<?, ?> map) {
        map.forEach(
            (k, v) -> {
              if (!NOISE.contains(String.valueOf(k))) {
                secondary.put(String.valueOf(k), metric((Map<String, Object>) v));
              }
            });
      }
      results.add(
          new Result(
              (String) entry.get("benchmark"),
              params,
              (String) entry.get("mode"),
              metric((Map<String, Object>) entry.get("primaryMetric")),
              secondary,
              entry));
    }
    return results;
  }

  private static Metric metric(Map<String, Object> json) {
    return new Metric(
        number(json.get("score")), number(json.get("scoreError")), (String) json.get("scoreUnit"));
  }

  private static double number(Object value) {
    if (value instanceof Double d) {
      return d;
    }
    return value == null ? Double.NaN : Double.parseDouble(String.valueOf(value));
  }

  static String markdown(String title, List<String> commands, List<Result> results) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(title).append("\n\n");
    md.append("Generated by `benchmarks/run.sh` from JMH's JSON results")
        .append(" (`ResultsTable`); do not edit by hand.\n\n");
    md.append("- Generated: ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("\n");
    md.append("- Machine: ").append(Machine.describe()).append("\n");
    if (!results.isEmpty()) {
      Map<String, Object> first = results.get(0).raw();
      md.append("- JDK: ")
          .append(first.get("jdkVersion"))
          .append(", ")
          .append(first.get("vmName"))
          .append(" ")
          .append(first.get("vmVersion"))
          .append("\n");
      md.append("- JMH: ")
          .append(first.get("jmhVersion"))
          .append("; warmup ")
          .append(iterations(first, "warmup"))
          .append(", measurement ")
          .append(iterations(first, "measurement"))
          .append(", forks ")
          .append(number(first.get("forks")) >= 0 ? (long) number(first.get("forks")) : "?")
          .append(" (as annotated per class unless the command overrides them)\n");
    }
    md.append("\nCommands, from the repository root:\n\n```\n");
    commands.forEach(command -> md.append(command).append("\n"));
    md.append("```\n");
    md.append(
        "\nScores are means; `±` is JMH's score error, the half-width of the 99.9 % confidence"
            + " interval (`n/a` with a single iteration). `B/op` is `gc.alloc.rate.norm` from"
            + " `-prof gc`.\n");
    md.append(tables(results));
    return md.toString();
  }

  /** One Markdown table per benchmark class, in the order the results came. */
  static String tables(List<Result> results) {
    StringBuilder md = new StringBuilder();
    Map<String, List<Result>> byClass = new LinkedHashMap<>();
    for (Result result : results) {
      byClass.computeIfAbsent(result.className(), k -> new ArrayList<>()).add(result);
    }
    byClass.forEach((className, rows) -> table(md, className, rows));
    return md.toString();
  }

  private static String iterations(Map<String, Object> raw, String phase) {
    long count = (long) number(raw.get(phase + "Iterations"));
    return count + " × " + raw.get(phase + "Time");
  }

  private static void table(StringBuilder md, String className, List<Result> rows) {
    md.append("\n## ").append(className).append("\n\n");
    Set<String> paramNames = new LinkedHashSet<>();
    Set<String> secondaryNames = new LinkedHashSet<>();
    for (Result row : rows) {
      paramNames.addAll(row.params().keySet());
      secondaryNames.addAll(row.secondary().keySet());
    }
    boolean ratio = paramNames.contains(BASELINE_PARAM);
    List<String> header = new ArrayList<>();
    header.add("Benchmark");
    header.addAll(paramNames);
    header.add("Mode");
    header.add("Score");
    header.add("±");
    header.add("Unit");
    if (ratio) {
      header.add("vs " + BASELINE_VALUE);
    }
    for (String name : secondaryNames) {
      header.add(secondaryTitle(name, rows));
    }
    md.append("| ").append(String.join(" | ", header)).append(" |\n");
    md.append("|").append(" --- |".repeat(header.size())).append("\n");
    for (Result row : rows) {
      List<String> cells = new ArrayList<>();
      cells.add(row.method());
      boolean baseline = BASELINE_VALUE.equals(row.params().get(BASELINE_PARAM));
      for (String name : paramNames) {
        // A baseline row's other parameters configure a recording it does not have.
        boolean meaningless = baseline && !name.equals(BASELINE_PARAM);
        cells.add(meaningless ? "-" : row.params().getOrDefault(name, ""));
      }
      cells.add(row.mode());
      cells.add(format(row.primary().score()));
      cells.add(format(row.primary().error()));
      cells.add(row.primary().unit());
      if (ratio) {
        cells.add(ratioCell(row, rows));
      }
      for (String name : secondaryNames) {
        Metric metric = row.secondary().get(name);
        cells.add(
            metric == null
                ? ""
                : format(metric.score())
                    + (Double.isNaN(metric.error()) ? "" : " ± " + format(metric.error())));
      }
      md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
  }

  private static String secondaryTitle(String name, List<Result> rows) {
    String unit =
        rows.stream()
            .map(row -> row.secondary().get(name))
            .filter(metric -> metric != null)
            .map(Metric::unit)
            .findFirst()
            .orElse("");
    return (name.equals("gc.alloc.rate.norm") ? "alloc" : name) + " (" + unit + ")";
  }

  /**
   * This row's score over its baseline's (same method, {@code recording=none}, other parameters
   * ignored), with the error of a quotient of two independent estimates.
   */
  private static String ratioCell(Result row, List<Result> rows) {
    Result baseline =
        rows.stream()
            .filter(other -> other.benchmark().equals(row.benchmark()))
            .filter(other -> BASELINE_VALUE.equals(other.params().get(BASELINE_PARAM)))
            .findFirst()
            .orElse(null);
    if (baseline == null || baseline.primary().score() == 0) {
      return "";
    }
    double value = row.primary().score() / baseline.primary().score();
    double relative =
        Math.hypot(
            row.primary().error() / row.primary().score(),
            baseline.primary().error() / baseline.primary().score());
    String error =
        Double.isNaN(relative) ? "" : " ± " + String.format(Locale.ROOT, "%.3f", value * relative);
    return String.format(Locale.ROOT, "%.3f", value) + error;
  }

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (magnitude >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
