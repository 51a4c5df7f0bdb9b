package org.jfrthreads.analyzed;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jfrthreads.cli.AnalyzeCommand;

/** Runs {@code jfr-threads analyze} in this JVM and keeps what it printed. */
record Analyze(int exitCode, String out, String err) {

  static Analyze run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exitCode = AnalyzeCommand.run(args, outStream, errStream);
    }
    return new Analyze(
        exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
