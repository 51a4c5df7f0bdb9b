package org.jfrthreads.exporter.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The documented metric families, read from {@code metric-families.txt} beside this class. */
final class MetricFamilies {

  enum Type {
    COUNTER,
    GAUGE,
    HISTOGRAM,
    SUMMARY
  }

  /** One family; {@code name} is the OpenMetrics family name (a counter without {@code _total}). */
  record Family(String name, Type type, List<String> labels) {
    Family {
      labels = List.copyOf(labels);
    }

    /**
     * The series names PromQL can select for this family. Histograms offer only their classic
     * series: the shipped rules and dashboard must work without native histograms.
     */
    List<String> seriesNames() {
      return switch (type) {
        case COUNTER -> List.of(name + "_total");
        case GAUGE -> List.of(name);
        case HISTOGRAM -> List.of(name + "_bucket", name + "_sum", name + "_count");
        case SUMMARY -> List.of(name, name + "_sum", name + "_count");
      };
    }
  }

  /** Series Prometheus adds to every target itself. */
  static final Set<String> PROMETHEUS_SERIES = Set.of("up");

  private MetricFamilies() {}

  static List<Family> all() {
    try (InputStream in = MetricFamilies.class.getResourceAsStream("metric-families.txt")) {
      if (in == null) {
        throw new IllegalStateException(
            "metric-families.txt is missing beside " + MetricFamilies.class.getName());
      }
      List<Family> families = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] fields = trimmed.split("\\s+");
        if (fields.length != 3) {
          throw new IllegalStateException(
              "metric-families.txt: '" + line + "' must have 3 fields: name type labels");
        }
        List<String> labels =
            fields[2].equals("-") ? List.of() : Arrays.asList(fields[2].split(","));
        families.add(
            new Family(
                fields[0], Type.valueOf(fields[1].toUpperCase(java.util.Locale.ROOT)), labels));
      }
      return List.copyOf(families);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read metric-families.txt", e);
    }
  }

  /** Every series name of the documented families, plus Prometheus' own {@code up}. */
  static Set<String> knownSeriesNames() {
    Set<String> names = new LinkedHashSet<>(PROMETHEUS_SERIES);
    all().forEach(family -> names.addAll(family.seriesNames()));
    return Set.copyOf(names);
  }
}
