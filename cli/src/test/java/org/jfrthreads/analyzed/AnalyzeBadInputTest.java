package org.jfrthreads.analyzed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import jdk.jfr.Recording;
import org.jfrthreads.cli.AnalyzeCommand;
import org.jfrthreads.stream.ThreadEventSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code analyze} cannot read gives one line on standard error, nothing on standard output,
 * and exit code 1; a wrong command line gives exit code 2 and the usage.
 */
class AnalyzeBadInputTest {

  @TempDir static Path dir;
  private static byte[] whole;

  @BeforeAll
  static void recordSomething() throws Exception {
    Path file = dir.resolve("whole.jfr");
    try (Recording recording = new Recording()) {
      recording.setSettings(ThreadEventSettings.defaults().toJfrSettings());
      recording.start();
      KnownWork.knownLifetimes();
      recording.stop();
      recording.dump(file);
    }
    whole = Files.readAllBytes(file);
  }

  @Test
  void aDirectoryIsRefused() {
    assertBadInput(
        Analyze.run(dir.toString()),
        dir + " is a directory: give the path of one .jfr recording file.");
  }

  @Test
  void aMissingFileIsRefused() {
    Path missing = dir.resolve("missing.jfr");

    assertBadInput(
        Analyze.run(missing.toString()),
        missing + ": no such readable file: give the path of a .jfr recording.");
  }

  @Test
  void aFileThatIsNotARecordingIsRefused() throws Exception {
    Path garbage = dir.resolve("garbage.jfr");
    byte[] bytes = new byte[4096];
    new Random(0).nextBytes(bytes);
    Files.write(garbage, bytes);

    assertBadInput(
        Analyze.run(garbage.toString()),
        garbage
            + " is not a JFR recording (no \"FLR\" header): record one with"
            + " -XX:StartFlightRecording or jcmd <pid> JFR.dump.");
  }

  @Test
  void aTruncatedRecordingIsRefused() throws Exception {
    Path truncated = dir.resolve("truncated.jfr");
    int size = whole.length * 2 / 3;
    Files.write(truncated, Arrays.copyOf(whole, size));

    assertBadInput(
        Analyze.run(truncated.toString(), "--format", "html"),
        truncated
            + " is truncated: it ends at byte "
            + size
            + " inside a chunk that starts at byte 0 (a copy that did not finish, or a JVM stopped"
            + " while writing): record it again, or dump it with jcmd <pid> JFR.dump.");
  }

  @Test
  void aRecordingFollowedByGarbageIsCorrupt() throws Exception {
    Path corrupt = dir.resolve("corrupt.jfr");
    byte[] bytes = Arrays.copyOf(whole, whole.length + 100);
    Arrays.fill(bytes, whole.length, bytes.length, (byte) 0x55);
    Files.write(corrupt, bytes);

    assertBadInput(
        Analyze.run(corrupt.toString(), "--format", "json"),
        corrupt
            + " is corrupt: no JFR chunk starts at byte "
            + whole.length
            + " of "
            + bytes.length
            + ": record it again, or read a copy that is known to be whole.");
  }

  @Test
  void aDamagedChunkHeaderIsCorruptNotARecordingWithoutThreadEvents() throws Exception {
    Path damaged = dir.resolve("damaged-header.jfr");
    byte[] bytes = whole.clone();
    Arrays.fill(bytes, 56, 64, (byte) 0); // the header's ticks per second
    Files.write(damaged, bytes);

    assertBadInput(
        Analyze.run(damaged.toString()),
        damaged
            + " is corrupt: chunk 1 (at byte 0) has, at byte 56, a clock of 0 ticks a second:"
            + " record it again, or read a copy that is known to be whole. A damaged recording is"
            + " not read in part.");
  }

  @Test
  void aRecordingWithoutThreadEventsIsRefusedWithHowToRecordThem() throws Exception {
    Path file = dir.resolve("no-thread-events.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.JVMInformation");
      recording.start();
      recording.stop();
      recording.dump(file);
    }

    assertBadInput(
        Analyze.run(file.toString()),
        file
            + " holds no thread events (jdk.ThreadStart, jdk.ThreadEnd, jdk.JavaMonitorEnter,"
            + " jdk.JavaMonitorWait, jdk.ThreadPark, jdk.ThreadSleep, jdk.VirtualThreadStart,"
            + " jdk.VirtualThreadEnd, jdk.VirtualThreadPinned): record with JFR's default or"
            + " profile settings, which enable them, for example"
            + " -XX:StartFlightRecording:filename=app.jfr,settings=profile.");
  }

  @Test
  void anUnwritableOutputIsBadInputToo() {
    Path output = dir.resolve("no-such-directory").resolve("report.txt");
    Path file = dir.resolve("whole-for-output.jfr");

    Analyze result = runOnWhole(file, "--output", output.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("jfr-threads analyze: " + output + ": cannot write the report (");
  }

  @Test
  void anOutputThatIsTheRecordingIsRefusedAndTheRecordingKept() throws Exception {
    Path file = dir.resolve("kept.jfr");
    Path link = dir.resolve("kept-link.jfr");
    Path hardLink = dir.resolve("kept-hard-link.jfr");
    Files.write(file, whole);
    Files.createSymbolicLink(link, file);
    Files.createLink(hardLink, file);

    for (Path output : new Path[] {file, link, hardLink, dir.resolve(".").resolve("kept.jfr")}) {
      assertBadInput(
          Analyze.run(file.toString(), "--output", output.toString()),
          output
              + ": --output names the recording itself, which the report would overwrite: give"
              + " another file.");
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(whole);
  }

  @Test
  void aReportThatStandardOutputCannotTakeFailsWithOneLine() throws Exception {
    Path file = dir.resolve("whole-for-stdout.jfr");
    Files.write(file, whole);
    OutputStream closed =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("Bad file descriptor");
          }
        };
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exitCode =
        AnalyzeCommand.run(
            new String[] {file.toString()},
            new PrintStream(closed, false, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exitCode).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "jfr-threads analyze: cannot write the report to standard output (closed, or the disk"
                + " is full): write it to a file with --output FILE.\n");
  }

  @Test
  void wrongCommandLinesExitWithTwoAndTheUsage() {
    assertUsage(Analyze.run(), "no recording given: name a .jfr file.");
    assertUsage(Analyze.run("a.jfr", "--colour"), "--colour: unknown option.");
    assertUsage(
        Analyze.run("a.jfr", "--format", "pdf"),
        "pdf: illegal --format. Expecting text, json or html.");
    assertUsage(
        Analyze.run("a.jfr", "--threshold", "10"),
        "--threshold=10: illegal duration. Expecting a number and a unit (ns, us, ms, s, m, h),"
            + " such as 500us, 20ms, 1.5s or 2m, or 0.");
    assertUsage(
        Analyze.run("a.jfr", "--threshold", "5124096h"),
        "--threshold=5124096h: illegal duration. Expecting at most 2562047h (about 292 years).");
    assertUsage(Analyze.run("a.jfr", "--top", "0"), "--top=0: illegal topN. Expecting 1 to 1000.");
    assertUsage(
        Analyze.run("a.jfr", "--progress", "--quiet"),
        "Error: --progress, --quiet are mutually exclusive (specify only one)");
    assertUsage(Analyze.run("a.jfr", "b.jfr"), "b.jfr: one recording only (already given: a.jfr).");
    assertUsage(Analyze.run("a.jfr", "--output"), "--output: missing value.");
  }

  private static Analyze runOnWhole(Path file, String... options) {
    try {
      Files.write(file, whole);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String[] args = new String[options.length + 1];
    args[0] = file.toString();
    System.arraycopy(options, 0, args, 1, options.length);
    return Analyze.run(args);
  }

  private static void assertBadInput(Analyze result, String message) {
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("jfr-threads analyze: " + message + "\n");
  }

  private static void assertUsage(Analyze result, String message) {
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "jfr-threads analyze: "
                + message
                + "\n"
                + "usage: jfr-threads analyze FILE.jfr [--format text|json|html] [--output FILE]"
                + " [--threshold DURATION] [--pinned-threshold DURATION] [--top N]"
                + " [--progress|--quiet]\n");
  }
}
