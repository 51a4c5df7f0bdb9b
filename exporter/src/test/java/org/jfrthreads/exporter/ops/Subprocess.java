package org.jfrthreads.exporter.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion with a time limit, capturing stdout and stderr together. */
final class Subprocess {

  /** What a finished command printed and returned. */
  record Result(List<String> command, int exitCode, String output) {
    boolean succeeded() {
      return exitCode == 0;
    }

    /** For assertion messages: the command, its exit code and everything it printed. */
    @Override
    public String toString() {
      return String.join(" ", command) + "\nexited " + exitCode + ", output:\n" + output;
    }
  }

  private Subprocess() {}

  /**
   * @param workDir the command's working directory
   * @param timeout the command is killed (by its PID) and an {@link IllegalStateException} thrown
   *     after this long
   */
  static Result run(Path workDir, Duration timeout, List<String> command)
      throws IOException, InterruptedException {
    // Output goes to a file rather than a pipe: a pipe nobody reads can fill up and block the
    // child.
    Path output = Files.createTempFile("jfr-threads-subprocess", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.toHandle().destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        throw new IllegalStateException(
            String.join(" ", command)
                + " (pid "
                + process.pid()
                + ") did not finish within "
                + timeout
                + " and was killed; output:\n"
                + Files.readString(output, StandardCharsets.UTF_8));
      }
      return new Result(
          List.copyOf(command),
          process.exitValue(),
          Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
