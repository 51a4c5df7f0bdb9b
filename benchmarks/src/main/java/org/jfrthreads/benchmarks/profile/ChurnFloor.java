package org.jfrthreads.benchmarks.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Recording;
import org.jfrthreads.benchmarks.workload.VirtualThreadChurn;
import org.jfrthreads.stream.ThreadEventSettings;

/**
 * What JFR itself costs pure virtual-thread churn, without jfr-threads: the churn's throughput in
 * one JVM with no recording, then with plain recordings of the events the governor keeps at level 1
 * (virtual-thread lifecycle shed), with and without some of them, and with an empty recording, the
 * settings taking turns round after round. Round 1's first setting runs before JFR was ever started
 * in the JVM. Prints each setting's throughput per round and its ratio to no recording.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.jfrthreads.benchmarks.profile.ChurnFloor [rounds]
 * </pre>
 */
public final class ChurnFloor {

  private static final long SECOND = 1_000_000_000L;

  private ChurnFloor() {}

  public static void main(String[] args) throws InterruptedException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Map<String, Map<String, String>> settings = settings();
    VirtualThreadChurn churn = new VirtualThreadChurn();
    opsPerSecond(churn, 15 * SECOND); // compiled before the first round
    Map<String, List<Double>> results = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (Map.Entry<String, Map<String, String>> setting : settings.entrySet()) {
        Recording recording = null;
        if (setting.getValue() != null) {
          recording = new Recording();
          recording.setSettings(setting.getValue());
          recording.start();
        }
        opsPerSecond(churn, SECOND);
        double ops = opsPerSecond(churn, 5 * SECOND);
        if (recording != null) {
          recording.close();
        }
        results.computeIfAbsent(setting.getKey(), name -> new ArrayList<>()).add(ops);
      }
    }
    double none = mean(results.get("none"));
    System.out.println("| recording | ops/s, round by round | mean | vs none |");
    System.out.println("| --- | --- | ---: | ---: |");
    results.forEach(
        (name, ops) ->
            System.out.printf(
                Locale.ROOT,
                "| %s | %s | %,.0f | %.3f |%n",
                name,
                String.join(", ", ops.stream().map(o -> String.format("%,.0f", o)).toList()),
                mean(ops),
                mean(ops) / none));
  }

  private static Map<String, Map<String, String>> settings() {
    Map<String, String> levelOne =
        ThreadEventSettings.builder().virtualThreadLifecycle(false).build().toJfrSettings();
    Map<String, Map<String, String>> settings = new LinkedHashMap<>();
    settings.put("none", null);
    settings.put("empty recording", Map.of());
    settings.put("level 1's events", levelOne);
    settings.put("level 1's without jdk.ThreadPark", without(levelOne, "jdk.ThreadPark"));
    settings.put(
        "level 1's without jdk.ThreadStart/End",
        without(without(levelOne, "jdk.ThreadStart"), "jdk.ThreadEnd"));
    return settings;
  }

  private static Map<String, String> without(Map<String, String> settings, String event) {
    Map<String, String> fewer = new HashMap<>(settings);
    fewer.keySet().removeIf(key -> key.startsWith(event + "#"));
    return fewer;
  }

  private static double opsPerSecond(VirtualThreadChurn churn, long nanos)
      throws InterruptedException {
    long start = System.nanoTime();
    long ops = 0;
    while (System.nanoTime() - start < nanos) {
      churn.runOnce();
      ops++;
    }
    return ops * (double) SECOND / (System.nanoTime() - start);
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
