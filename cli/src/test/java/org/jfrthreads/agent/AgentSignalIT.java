package org.jfrthreads.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jfrthreads.childjvm.ChildJvm;
import org.jfrthreads.childjvm.TestApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a library inside the application (the Spring Boot starter) reads to know that the agent
 * watches: from the first line of {@code main}, while the agent still starts on its own thread.
 */
class AgentSignalIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir static Path apps;

  @Test
  void fromTheFirstLineOfMainTheAgentIsSeenStartingOrWatching() throws Exception {
    TestApps.compile(apps, "Signal", SIGNAL, List.of());
    try (ChildJvm child = signal()) {
      String first = child.await("^first: (.*)$", TIMEOUT);
      String later = child.await("^watching: (.*)$", TIMEOUT);

      assertThat(first).as(child.output()).isNotEqualTo("starting=null watching=null");
      assertThat(later)
          .as(child.output())
          .matches("starting=null watching=metrics on http://127\\.0\\.0\\.1:\\d+/metrics.*");
      assertThat(child.stop(TIMEOUT)).isZero();
    }
  }

  private static ChildJvm signal() throws IOException {
    return ChildJvm.start(
        ChildJvm.CURRENT_JDK,
        List.of(
            "-javaagent:" + ChildJvm.AGENT_JAR + "=127.0.0.1:0", "-cp", apps.toString(), "Signal"));
  }

  private static final String SIGNAL =
      """
      public class Signal {
        public static void main(String[] args) throws Exception {
          System.out.println("first: " + state());
          long deadline = System.nanoTime() + 30_000_000_000L;
          // The agent records that it watches, then that it no longer starts: never neither.
          while ((System.getProperty("jfrthreads.agent") == null
                  || System.getProperty("jfrthreads.agent.starting") != null)
              && System.nanoTime() < deadline) {
            Thread.sleep(20);
          }
          System.out.println("watching: " + state());
        }

        static String state() {
          return "starting=" + System.getProperty("jfrthreads.agent.starting")
              + " watching=" + System.getProperty("jfrthreads.agent");
        }
      }
      """;
}
