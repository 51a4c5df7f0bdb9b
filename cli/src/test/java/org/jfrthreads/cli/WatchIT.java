package org.jfrthreads.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jfrthreads.childjvm.ChildJvm;
import org.jfrthreads.childjvm.Scrape;
import org.jfrthreads.childjvm.TestApps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sidecar in this JVM, watching a child JVM over JMX on 127.0.0.1. */
class WatchIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir static Path apps;

  @BeforeAll
  static void compileBusy() throws IOException {
    TestApps.compile(apps, "Busy", TestApps.BUSY, List.of());
  }

  @Test
  void theSidecarServesTheTargetsThreadsMarksThemStaleWhenItDiesAndReconnects() throws Exception {
    int jmxPort = freePort();
    WatchOptions options =
        WatchOptions.parse("--jmx", "127.0.0.1:" + jmxPort, "--host", "127.0.0.1", "--port", "0");
    try (ChildJvm first = busyWithJmx(jmxPort);
        WatchCommand sidecar = WatchCommand.start(options)) {
      long firstPid = Long.parseLong(first.await("^busy ready (\\d+)", TIMEOUT));

      String watching =
          Scrape.until(sidecar.httpPort(), body -> body.contains(TestApps.BUSY_BLOCKED), TIMEOUT);

      assertThat(watching)
          .contains(
              "jfr_threads_target_up 1.0",
              "jfr_threads_stream_up 1.0",
              "jfr_threads_target_info{jvm_pid=\""
                  + firstPid
                  + "\",jvm_version=\""
                  + System.getProperty("java.runtime.version")
                  + "\",target=\"127.0.0.1:"
                  + jmxPort
                  + "\"} 1",
              "jvm_thread_blocked_seconds_count{class=\"Busy$ChildLock\",kind=\"monitor_enter\",virtual=\"false\"}");

      first.kill();
      String stale =
          Scrape.until(
              sidecar.httpPort(), body -> body.contains("jfr_threads_target_up 0.0"), TIMEOUT);

      assertThat(stale)
          .contains(
              "jfr_threads_target_up 0.0",
              "jfr_threads_stream_up 0.0",
              "jfr_threads_target_info{jvm_pid=\"" + firstPid + "\"",
              "jvm_thread_blocked_seconds_count{class=\"Busy$ChildLock\",kind=\"monitor_enter\",virtual=\"false\"}");

      try (ChildJvm second = busyWithJmx(jmxPort)) {
        long secondPid = Long.parseLong(second.await("^busy ready (\\d+)", TIMEOUT));

        String reconnected =
            Scrape.until(
                sidecar.httpPort(),
                body ->
                    body.contains("jvm_pid=\"" + secondPid + "\"")
                        && body.contains("jfr_threads_stream_up 1.0"),
                TIMEOUT);

        assertThat(reconnected)
            .contains(
                "jfr_threads_target_up 1.0",
                "jfr_threads_stream_up 1.0",
                "jvm_pid=\"" + secondPid + "\"");
      }
    }
  }

  @Test
  void badWatchOptionsNameTheOption() {
    assertThat(parseError("--jmx", "127.0.0.1"))
        .startsWith("127.0.0.1: illegal JMX address. Expecting HOST:PORT");
    assertThat(parseError("--port", "9400"))
        .startsWith("no JVM to watch: give --jmx HOST:PORT or --pid PID.");
    assertThat(parseError("--pid", "12", "--verbose", "x"))
        .startsWith("--verbose: unknown option.");
    assertThat(parseError("--pid", "12", "threshold.park=fast"))
        .startsWith("threshold.park=fast: illegal duration.");
  }

  private static String parseError(String... arguments) {
    try {
      WatchOptions.parse(arguments);
      return "accepted";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static ChildJvm busyWithJmx(int port) throws IOException {
    return ChildJvm.start(
        ChildJvm.CURRENT_JDK,
        List.of(
            "-Dcom.sun.management.jmxremote.port=" + port,
            "-Dcom.sun.management.jmxremote.rmi.port=" + port,
            "-Dcom.sun.management.jmxremote.host=127.0.0.1",
            "-Djava.rmi.server.hostname=127.0.0.1",
            "-Dcom.sun.management.jmxremote.authenticate=false",
            "-Dcom.sun.management.jmxremote.ssl=false",
            "-cp",
            apps.toString(),
            "Busy"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
