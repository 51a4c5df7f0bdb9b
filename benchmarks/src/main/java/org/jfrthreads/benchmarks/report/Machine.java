package org.jfrthreads.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The machine the report is generated on: CPU model, processors, memory, OS (Linux files). */
final class Machine {

  private Machine() {}

  static String describe() {
    String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU");
    String memory =
        firstValue(Path.of("/proc/meminfo"), "MemTotal")
            .map(Machine::gibibytes)
            .orElse("unknown memory");
    return String.format(
        Locale.ROOT,
        "%s, %d processors available, %s, %s %s (%s)",
        cpu,
        Runtime.getRuntime().availableProcessors(),
        memory,
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("os.arch"));
  }

  private static java.util.Optional<String> firstValue(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (String line : lines) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
          return java.util.Optional.of(line.substring(colon + 1).trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or not readable: the report says "unknown".
    }
    return java.util.Optional.empty();
  }

  /** "24641052 kB" to "23.5 GiB". */
  private static String gibibytes(String kilobytes) {
    try {
      long kb = Long.parseLong(kilobytes.replace("kB", "").trim());
      return String.format(Locale.ROOT, "%.1f GiB memory", kb / (1024.0 * 1024.0));
    } catch (NumberFormatException e) {
      return kilobytes + " memory";
    }
  }
}
