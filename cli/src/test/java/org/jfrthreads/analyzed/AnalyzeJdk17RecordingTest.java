package org.jfrthreads.analyzed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jfrthreads.cli.internal.report.ReportJson.at;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jfrthreads.cli.internal.report.ReportJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording made by a JDK 17 child JVM, which has no virtual-thread events, still gives its
 * platform-thread figures, and says that the virtual-thread ones are absent. Skipped when no JDK 17
 * is installed at {@value #JDK_17}.
 */
class AnalyzeJdk17RecordingTest {

  static final String JDK_17 = "/usr/lib/jvm/java-17-openjdk-amd64";

  // Java 17 source, run by the JDK's source launcher: a contended monitor held at least 150 ms
  // once the contender is seen blocked, and three short-lived threads.
  private static final String WORKLOAD =
      """
      import java.util.concurrent.CountDownLatch;
      import java.util.concurrent.atomic.AtomicReference;

      public class Jdk17Work {
        static final class HeldMonitor {}

        public static void main(String[] args) throws Exception {
          HeldMonitor monitor = new HeldMonitor();
          CountDownLatch held = new CountDownLatch(1);
          AtomicReference<Thread> contender = new AtomicReference<>();
          Thread owner = new Thread(() -> {
            synchronized (monitor) {
              held.countDown();
              while (contender.get() == null || contender.get().getState() != Thread.State.BLOCKED) {
                Thread.onSpinWait();
              }
              sleep(150);
            }
          });
          owner.start();
          held.await();
          Thread blocked = new Thread(() -> { synchronized (monitor) { monitor.hashCode(); } });
          contender.set(blocked);
          blocked.start();
          owner.join();
          blocked.join();
          for (int i = 0; i < 3; i++) {
            Thread shortLived = new Thread(() -> sleep(50));
            shortLived.start();
            shortLived.join();
          }
        }

        static void sleep(long millis) {
          try {
            Thread.sleep(millis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
      """;

  @TempDir static Path dir;
  private static Path recording;

  @BeforeAll
  static void recordWithJdk17() throws Exception {
    Path java = Path.of(JDK_17, "bin", "java");
    assumeTrue(Files.isExecutable(java), "no JDK 17 at " + JDK_17);
    Path source =
        Files.writeString(dir.resolve("Jdk17Work.java"), WORKLOAD, StandardCharsets.UTF_8);
    recording = dir.resolve("jdk17.jfr");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-XX:StartFlightRecording:filename="
                    + recording
                    + ",settings=default,dumponexit=true",
                source.toString())
            .redirectErrorStream(true)
            .start();
    boolean exited = process.waitFor(120, TimeUnit.SECONDS);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!exited) {
      process.destroyForcibly().waitFor();
    }
    assertThat(exited).as("the JDK 17 child exited; output:%n%s", output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(recording).isNotEmptyFile();
  }

  @Test
  void theTextReportGivesThePlatformFiguresAndSaysVirtualThreadDataIsAbsent() {
    Analyze result = Analyze.run(recording.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("Jdk17Work$HeldMonitor", "monitor_enter")
        .contains("No virtual-thread events in this recording: a JDK before 21 records none");
  }

  @Test
  void theJsonReportHasNoVirtualThreadsAndTheContendedMonitor() {
    Object json = ReportJson.parse(Analyze.run(recording.toString(), "--format", "json").out());

    assertThat(at(json, "threads", "virtual", "started")).as("absent, not zero").isNull();
    assertThat(at(json, "threads", "virtual", "live_at_end")).isNull();
    assertThat((BigDecimal) at(json, "threads", "platform", "started"))
        .isGreaterThanOrEqualTo(BigDecimal.valueOf(5));
    assertThat((List<?>) at(json, "top_blocking"))
        .anySatisfy(
            row -> {
              assertThat(((Map<?, ?>) row).get("class")).isEqualTo("Jdk17Work$HeldMonitor");
              assertThat((BigDecimal) at(row, "durations", "max_seconds"))
                  .isGreaterThanOrEqualTo(new BigDecimal("0.148"));
            });
    assertThat((List<?>) at(json, "notes"))
        .anySatisfy(note -> assertThat((String) note).startsWith("No virtual-thread events"));
  }
}
