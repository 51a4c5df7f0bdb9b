package org.jfrthreads.analyzed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import org.jfrthreads.cli.Main;
import org.jfrthreads.stream.ThreadEventSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code jfr-threads} command, in a JVM of its own, exits with analyze's codes. */
class AnalyzeProcessTest {

  @TempDir Path dir;

  @Test
  void badInputExitsWithOneAndBadUsageWithTwo() throws Exception {
    Result directory = jfrThreads("analyze", dir.toString());
    Result usage = jfrThreads("analyze", "--format", "pdf", "a.jfr");

    assertThat(directory.exitCode()).as(directory.stderr()).isEqualTo(1);
    assertThat(directory.stderr())
        .isEqualTo(
            "jfr-threads analyze: "
                + dir
                + " is a directory: give the path of one .jfr recording file.\n");
    assertThat(directory.stdout()).isEmpty();
    assertThat(usage.exitCode()).as(usage.stderr()).isEqualTo(2);
    assertThat(usage.stderr()).startsWith("jfr-threads analyze: pdf: illegal --format.");
  }

  @Test
  void aReportToAFullDiskExitsWithOneInsteadOfZero() throws Exception {
    Path file = dir.resolve("known.jfr");
    try (Recording recording = new Recording()) {
      recording.setSettings(ThreadEventSettings.defaults().toJfrSettings());
      recording.start();
      KnownWork.knownLifetimes();
      recording.stop();
      recording.dump(file);
    }

    Result toFullDisk = jfrThreads(Redirect.to(new File("/dev/full")), "analyze", file.toString());
    Result outputToFullDisk =
        jfrThreads(Redirect.PIPE, "analyze", file.toString(), "--output", "/dev/full");

    assertThat(toFullDisk.exitCode()).as(toFullDisk.stderr()).isEqualTo(1);
    assertThat(toFullDisk.stderr())
        .isEqualTo(
            "jfr-threads analyze: cannot write the report to standard output (closed, or the disk"
                + " is full): write it to a file with --output FILE.\n");
    assertThat(outputToFullDisk.exitCode()).as(outputToFullDisk.stderr()).isEqualTo(1);
    assertThat(outputToFullDisk.stderr())
        .startsWith("jfr-threads analyze: /dev/full: cannot write the report (")
        .hasLineCount(1);
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result jfrThreads(String... args) throws Exception {
    return jfrThreads(Redirect.PIPE, args);
  }

  private static Result jfrThreads(Redirect stdoutTo, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectOutput(stdoutTo).start();
    process.getOutputStream().close();
    byte[] stdout = process.getInputStream().readAllBytes();
    byte[] stderr = process.getErrorStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          "jfr-threads " + String.join(" ", args) + " did not exit within 60 s");
    }
    return new Result(
        process.exitValue(),
        new String(stdout, StandardCharsets.UTF_8),
        new String(stderr, StandardCharsets.UTF_8));
  }
}
