package org.jfrthreads.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jfrthreads.agent.JfrThreadsAgent;
import org.jfrthreads.childjvm.ChildJvm;
import org.jfrthreads.childjvm.Scrape;
import org.jfrthreads.childjvm.TestApps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jfr-threads attach} and {@code jfr-threads watch --pid}, run from the shaded jar. */
class AttachIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String ALREADY_WATCHING =
      "already watching this JVM, metrics on http://127\\.0\\.0\\.1:\\d+/metrics, attached at"
          + " run time: this second agent is not started\\.";

  @TempDir static Path apps;

  @BeforeAll
  static void compileBusy() throws IOException {
    TestApps.compile(apps, "Busy", TestApps.BUSY, List.of());
  }

  @Test
  void attachLoadsTheAgentIntoARunningJvmAndRefusesASecondTime() throws Exception {
    try (ChildJvm app =
        ChildJvm.start(ChildJvm.CURRENT_JDK, List.of("-cp", apps.toString(), "Busy"))) {
      app.await("^busy ready", TIMEOUT);

      try (ChildJvm first = cli("attach", Long.toString(app.pid()), "127.0.0.1:0")) {
        assertThat(first.awaitExit(TIMEOUT)).as(first.output()).isZero();
        int port =
            Integer.parseInt(
                first.await(
                    "^jfr-threads: watching JVM "
                        + app.pid()
                        + ", metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics, attached at run"
                        + " time$",
                    TIMEOUT));
        String metrics = Scrape.until(port, body -> body.contains(TestApps.BUSY_BLOCKED), TIMEOUT);
        assertThat(metrics)
            .contains(
                "jvm_thread_blocked_seconds_count{class=\"Busy$ChildLock\",kind=\"monitor_enter\",virtual=\"false\"}");
      }
      try (ChildJvm second = cli("attach", Long.toString(app.pid()), "127.0.0.1:0")) {
        assertThat(second.awaitExit(TIMEOUT)).isEqualTo(1);
        assertThat(second.stderr())
            .singleElement()
            .asString()
            .matches(
                "jfr-threads attach: JVM "
                    + app.pid()
                    + " is already watched by jfr-threads,"
                    + " metrics on http://127\\.0\\.0\\.1:\\d+/metrics, attached at run time: not"
                    + " loading a second agent\\.");
      }
      // Past the command's own check, straight through the Attach API: agentmain refuses too.
      VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
      try {
        vm.loadAgent(ChildJvm.AGENT_JAR.toString(), "127.0.0.1:0");
        assertThat(vm.getSystemProperties().getProperty(JfrThreadsAgent.PROBLEM_PROPERTY))
            .matches(ALREADY_WATCHING);
      } finally {
        vm.detach();
      }
      assertThat(app.stop(TIMEOUT)).isZero();
      assertThat(app.stderr())
          .filteredOn(line -> line.startsWith("jfr-threads"))
          .satisfiesExactly(
              first ->
                  assertThat(first)
                      .matches(
                          "jfr-threads: watching this JVM's threads, metrics on"
                              + " http://127\\.0\\.0\\.1:\\d+/metrics, attached at run time"),
              second -> assertThat(second).matches("jfr-threads: " + ALREADY_WATCHING));
    }
  }

  @Test
  void aJdk17JvmIsRefusedByAttachAndWatchedFromOutsideWithoutVirtualThreadEvents()
      throws Exception {
    assumeTrue(ChildJvm.JDK_17 != null, "no JDK 17 at /usr/lib/jvm/java-17-openjdk-amd64");
    try (ChildJvm app = ChildJvm.start(ChildJvm.JDK_17, List.of("-cp", apps.toString(), "Busy"))) {
      app.await("^busy ready", TIMEOUT);
      String pid = Long.toString(app.pid());

      try (ChildJvm attach = cli("attach", pid)) {
        assertThat(attach.awaitExit(TIMEOUT)).isEqualTo(1);
        assertThat(attach.stderr())
            .containsExactly(
                "jfr-threads attach: JVM "
                    + pid
                    + " runs Java 17: the agent needs JDK 21+. Watch it"
                    + " from outside instead: jfr-threads watch --pid "
                    + pid
                    + " (platform threads"
                    + " only, as Java 17 has no virtual-thread events).");
      }
      try (ChildJvm sidecar = cli("watch", "--pid", pid, "--host", "127.0.0.1", "--port", "0")) {
        int port =
            Integer.parseInt(
                sidecar.await(
                    "^jfr-threads: serving the thread metrics of pid "
                        + pid
                        + " on http://127\\.0\\.0\\.1:(\\d+)/metrics",
                    TIMEOUT));
        String missing = sidecar.await("(has no \\[.*\\] events.*)", TIMEOUT);
        String metrics = Scrape.until(port, body -> body.contains(TestApps.BUSY_BLOCKED), TIMEOUT);

        assertThat(missing)
            .isEqualTo(
                "has no [jdk.VirtualThreadEnd, jdk.VirtualThreadPinned, jdk.VirtualThreadStart]"
                    + " events (virtual-thread events need JDK 21+): their metrics stay empty.");
        assertThat(metrics)
            .contains(
                "jfr_threads_target_up 1.0",
                "jfr_threads_target_info{jvm_pid=\"" + pid + "\",jvm_version=\"17.",
                "jvm_thread_blocked_seconds_count{class=\"Busy$ChildLock\",kind=\"monitor_enter\",virtual=\"false\"}");
      }
    }
  }

  @Test
  void aProcessThatIsNotAJvmIsRefusedInOneLineWithoutItsCommandLinesNulBytes() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try (ChildJvm attach = cli("attach", Long.toString(sleeper.pid()), "127.0.0.1:0")) {
      assertThat(attach.awaitExit(TIMEOUT)).isEqualTo(1);
      assertThat(attach.stderr())
          .singleElement()
          .asString()
          .startsWith("jfr-threads attach: cannot attach to process " + sleeper.pid() + " (")
          .doesNotContain("\u0000");
    } finally {
      sleeper.destroy();
    }
  }

  @Test
  void theJarSaysItsVersion() throws Exception {
    try (ChildJvm version = cli("--version")) {
      assertThat(version.awaitExit(TIMEOUT)).as(version.output()).isZero();
      assertThat(version.stdout()).singleElement().asString().matches("jfr-threads \\d+\\.\\d+.*");
    }
  }

  private static ChildJvm cli(String... arguments) throws IOException {
    List<String> command =
        new java.util.ArrayList<>(List.of("-jar", ChildJvm.AGENT_JAR.toString()));
    command.addAll(List.of(arguments));
    return ChildJvm.start(ChildJvm.CURRENT_JDK, command);
  }
}
