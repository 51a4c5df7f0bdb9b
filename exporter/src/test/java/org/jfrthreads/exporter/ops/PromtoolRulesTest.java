package org.jfrthreads.exporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * The shipped rules pass {@code promtool check rules} and their unit tests ({@code promtool test
 * rules} on src/test/prometheus/*.test.yml), and both checks do fail on a broken rule.
 */
class PromtoolRulesTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static Path promtool;
  private static TestAbortedException missing;

  @BeforeAll
  static void findPromtool() {
    try {
      promtool = OpsTools.promtool();
    } catch (TestAbortedException e) {
      missing = e;
    }
  }

  @BeforeEach
  void requirePromtool() {
    OpsTools.rethrowIfMissing(missing);
  }

  @Test
  void shippedRulesPassPromtoolCheck() throws Exception {
    Subprocess.Result result = promtool("check", "rules", OpsTools.rulesFile().toString());

    assertThat(result.succeeded()).as("%s", result).isTrue();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void shippedRulesPassTheirUnitTests() throws Exception {
    // One promtool per file, all at once: the files with hours of history take seconds each.
    List<CompletableFuture<Subprocess.Result>> runs = new ArrayList<>();
    for (Path file : testFiles(OpsTools.promtoolTestsDir())) {
      runs.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return promtool("test", "rules", file.toString());
                } catch (Exception e) {
                  throw new CompletionException(e);
                }
              }));
    }
    for (CompletableFuture<Subprocess.Result> run : runs) {
      Subprocess.Result result = run.join();
      assertThat(result.succeeded()).as("%s", result).isTrue();
      assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
    }
  }

  @Test
  void aSyntaxErrorInARuleFailsPromtoolCheck(@TempDir Path dir) throws Exception {
    Path broken =
        copyRules(
            dir,
            "max by (job, instance, virtual, site) (jvm_thread_leak_suspected) == 1",
            "max by (job, instance, virtual, site) (jvm_thread_leak_suspected == 1");

    Subprocess.Result result = promtool("check", "rules", broken.toString());

    assertThat(result.succeeded()).as("%s", result).isFalse();
    assertThat(result.output()).contains("JfrThreadsLeakSuspected").contains("parse error");
  }

  @Test
  void anAlertThatFiresOnAnIdleJvmFailsTheUnitTests(@TempDir Path dir) throws Exception {
    // Drop the minimum: on an idle JVM 0 > 0 is false, but 0 >= 0 fires.
    copyRules(
        dir,
        "increase(jfr_threads_stream_errors_total[10m]) > 0",
        "increase(jfr_threads_stream_errors_total[10m]) >= 0");
    // The idle-JVM check of idle-jvm.test.yml, cut down to the one alert to keep this quick.
    Path test = dir.resolve("idle.test.yml");
    Files.writeString(
        test,
        """
                rule_files: [jfr-threads-rules.yml]
                evaluation_interval: 1m
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'jfr_threads_stream_errors_total{job="demo",instance="idle:9400"}'
                        values: '0x20'
                    alert_rule_test:
                      - {eval_time: 15m, alertname: JfrThreadsStreamErrors, exp_alerts: []}
                """);

    Subprocess.Result result = promtool("test", "rules", test.toString());

    assertThat(result.succeeded()).as("%s", result).isFalse();
    assertThat(result.output()).contains("FAILED").contains("alertname: JfrThreadsStreamErrors");
  }

  /** A copy of the shipped rules in {@code dir} with one piece of text replaced. */
  private static Path copyRules(Path dir, String original, String replacement) throws IOException {
    String rules = Files.readString(OpsTools.rulesFile());
    assertThat(rules).contains(original);
    Path copy = dir.resolve("jfr-threads-rules.yml");
    Files.writeString(copy, rules.replace(original, replacement));
    return copy;
  }

  private static List<Path> testFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> tests =
          files
              .filter(file -> file.getFileName().toString().endsWith(".test.yml"))
              .sorted()
              .toList();
      assertThat(tests).as("promtool unit tests in %s", dir).isNotEmpty();
      return tests;
    }
  }

  private static Subprocess.Result promtool(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(args));
    // promtool resolves rule_files relative to the test file, so any working directory will do
    return Subprocess.run(OpsTools.promtoolTestsDir(), TIMEOUT, command);
  }
}
