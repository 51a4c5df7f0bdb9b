package org.jfrthreads.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line as picocli reads it: help, usage errors and their exit code. */
class MainTest {

  private record Result(int exitCode, String out, String err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exitCode = Cli.execute(new Main(), args, outStream, errStream);
    }
    return new Result(
        exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void withoutACommandItListsTheCommands() {
    Result result = run();

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .startsWith("Usage: jfr-threads [-hV] [COMMAND]")
        .contains("demo", "analyze", "attach", "watch", "settings", "help");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"demo", "analyze", "attach", "watch", "settings"}) {
      Result result = run(command, "--help");

      assertThat(result.exitCode()).as(command).isZero();
      assertThat(result.out()).as(command).startsWith("Usage: jfr-threads " + command);
      assertThat(run("help", command).out()).isEqualTo(result.out());
    }
  }

  @Test
  void usageErrorsAreOneLineAndTheUsageWithExitCodeTwo() {
    assertThat(run("frobnicate"))
        .isEqualTo(new Result(2, "", "jfr-threads: frobnicate: unknown command.\n" + usage()));
    assertThat(run("attach", "--colour", "12"))
        .isEqualTo(
            new Result(
                2,
                "",
                "jfr-threads attach: --colour: unknown option.\n"
                    + "usage: jfr-threads attach PID [AGENT-OPTIONS]\n"));
    assertThat(run("attach", "12", "127.0.0.1:0,topN=5000").err())
        .isEqualTo(
            "jfr-threads attach: topN=5000: illegal topN. Expecting 1 to 1000.\n"
                + "usage: jfr-threads attach PID [AGENT-OPTIONS]\n");
    assertThat(run("attach", "12", "127.0.0.1:0,virtualThreadDump=1ns").err())
        .startsWith(
            "jfr-threads attach: virtualThreadDump=1ns: illegal dump interval. Expecting 1 s to 1"
                + " h.\n");
    assertThat(run("watch", "--pid", "12", "stateSampling=false"))
        .isEqualTo(
            new Result(
                2,
                "",
                "jfr-threads watch: stateSampling=false: a setting of the agent only; the sidecar"
                    + " follows the other JVM through JFR alone.\n"
                    + "usage: jfr-threads "
                    + WatchOptions.USAGE
                    + "\n"));
    assertThat(run("watch", "--pid", "12", "topN=5", "topN=6").err())
        .startsWith(
            "jfr-threads watch: topN=6: given twice (first topN=5). Expecting each once.\n");
    assertThat(run("demo", "--port", "70000").err())
        .startsWith(
            "jfr-threads demo: 70000: illegal value of --port. Expecting a number from 0 to"
                + " 65535.\n");
  }

  @Test
  void settingsPrintsTheTable() {
    Result result = run("settings");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(org.jfrthreads.exporter.internal.settings.Settings.markdownTable());
  }

  private static String usage() {
    return run().out();
  }
}
