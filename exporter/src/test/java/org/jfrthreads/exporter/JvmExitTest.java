package org.jfrthreads.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM watched by jfr-threads exits normally when its main returns, without closing anything. */
class JvmExitTest {

  @Test
  void aWatchedJvmExitsWhenMainReturns() throws Exception {
    Result result = run();

    assertThat(result.exited()).as("exited within 60 s; output:%n%s", result.output()).isTrue();
    assertThat(result.exitCode()).isZero();
    assertThat(result.output()).contains("published: true, serving on port ", "main returns");
  }

  @Test
  void withJfrDisabledTheApplicationRunsOnAndOneLineSaysWhy() throws Exception {
    Result result = run("-XX:-FlightRecorder");

    assertThat(result.exited()).as("exited within 60 s; output:%n%s", result.output()).isTrue();
    assertThat(result.exitCode()).isZero();
    assertThat(result.output())
        .contains(
            "jfr-threads: not watching threads: JDK Flight Recorder is not available in this JVM"
                + " (started with -XX:-FlightRecorder, or a JDK built without JFR): remove that"
                + " option or run on a JDK that includes JFR.")
        .contains("main returns");
  }

  private record Result(boolean exited, int exitCode, String output) {}

  private static Result run(String... jvmOptions) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions));
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), WatchedApp.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean exited = process.waitFor(60, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly().waitFor();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(exited, exited ? process.exitValue() : -1, output);
  }
}
