package org.jfrthreads.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jfrthreads.childjvm.ChildJvm;
import org.jfrthreads.childjvm.Scrape;
import org.jfrthreads.childjvm.TestApps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as a {@code -javaagent} of real child JVMs. */
class AgentIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String WATCHING =
      "^jfr-threads: watching this JVM's threads, metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics,"
          + " loaded at JVM start$";

  @TempDir static Path apps;

  @BeforeAll
  static void compileBusy() throws IOException {
    TestApps.compile(apps, "Busy", TestApps.BUSY, List.of());
  }

  @Test
  void anAgentAtStartServesTheApplicationsThreadsAndSaysOneLineOnly() throws Exception {
    try (ChildJvm child = busy(ChildJvm.CURRENT_JDK, "127.0.0.1:0")) {
      int port = Integer.parseInt(child.await(WATCHING, TIMEOUT));
      child.await("^busy ready", TIMEOUT);

      String metrics = Scrape.until(port, body -> body.contains(TestApps.BUSY_BLOCKED), TIMEOUT);

      assertThat(metrics)
          .contains(
              "jfr_threads_stream_up 1.0",
              "jvm_thread_blocked_seconds_count{class=\"Busy$ChildLock\",kind=\"monitor_enter\",virtual=\"false\"}");
      assertThat(child.stop(TIMEOUT)).isZero();
      assertThat(child.stderr()).as(child.output()).hasSize(1).first().asString().matches(WATCHING);
    }
  }

  @Test
  void aTakenPortOrABadOptionIsOneLineAndTheApplicationRunsOnWhileASecondAgentIsRefused()
      throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        ChildJvm child =
            ChildJvm.start(
                ChildJvm.CURRENT_JDK,
                List.of(
                    "-javaagent:" + ChildJvm.AGENT_JAR + "=127.0.0.1:" + taken.getLocalPort(),
                    "-javaagent:" + ChildJvm.AGENT_JAR + "=127.0.0.1:0,threshold.prak=20ms",
                    "-javaagent:" + ChildJvm.AGENT_JAR + "=127.0.0.1:0,threshold.park=20ms",
                    "-javaagent:" + ChildJvm.AGENT_JAR + "=127.0.0.1:0",
                    "-cp",
                    apps.toString(),
                    "Busy"))) {
      child.await("^busy ready", TIMEOUT);
      child.await("already watching this JVM", TIMEOUT);

      assertThat(child.stop(TIMEOUT)).isZero();
      // The options are checked at load, the rest in load order on the agent's own thread.
      List<String> lines = child.stderr();
      assertThat(lines).as(child.output()).hasSize(4);
      assertThat(lines)
          .filteredOn(line -> line.contains("threshold.prak"))
          .singleElement()
          .asString()
          .startsWith(
              "jfr-threads: not watching threads: threshold.prak=20ms: unknown option."
                  + " Expecting [host:]port[:file] first, then KEY=VALUE settings with"
                  + " KEY one of [threshold, threshold.monitor_enter,");
      assertThat(lines)
          .filteredOn(line -> !line.contains("threshold.prak"))
          .satisfiesExactly(
              first ->
                  assertThat(first)
                      .isEqualTo(
                          "jfr-threads: not watching threads: cannot serve /metrics on 127.0.0.1:"
                              + taken.getLocalPort()
                              + " (Address already in use): the port is taken or not allowed;"
                              + " choose another in the agent options, for example"
                              + " -javaagent:jfr-threads-all.jar=9400."),
              third -> assertThat(third).matches(WATCHING),
              fourth ->
                  assertThat(fourth)
                      .matches(
                          "jfr-threads: already watching this JVM, metrics on"
                              + " http://127\\.0\\.0\\.1:\\d+/metrics, loaded at JVM start:"
                              + " this second agent is not started\\."));
    }
  }

  @Test
  void onJdk17TheAgentSaysItNeeds21AndTheApplicationRunsOn() throws Exception {
    assumeTrue(ChildJvm.JDK_17 != null, "no JDK 17 at /usr/lib/jvm/java-17-openjdk-amd64");
    try (ChildJvm child = busy(ChildJvm.JDK_17, "127.0.0.1:0")) {
      child.await("^busy ready", TIMEOUT);

      assertThat(child.stop(TIMEOUT)).isZero();
      assertThat(child.stderr())
          .containsExactly(
              "jfr-threads needs JDK 21+, this JVM is 17: not watching threads, the application"
                  + " runs unwatched. Run it on a JDK 21 or newer (this one is "
                  + ChildJvm.JDK_17
                  + "), or watch it from outside with jfr-threads watch --pid.");
    }
  }

  @Test
  void theAgentJarHoldsItsLibrariesOnlyUnderItsOwnPackage() throws IOException {
    List<String> outside = new ArrayList<>();
    try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR.toFile())) {
      jar.stream()
          .map(entry -> entry.getName())
          .filter(name -> name.endsWith(".class") && !name.startsWith("org/jfrthreads/"))
          .forEach(outside::add);
      assertThat(jar.getManifest().getMainAttributes().getValue("Premain-Class"))
          .isEqualTo("org.jfrthreads.agent.AgentLauncher");
      assertThat(jar.getManifest().getMainAttributes().getValue("Agent-Class"))
          .isEqualTo("org.jfrthreads.agent.AgentLauncher");
    }
    assertThat(outside).isEmpty();
  }

  @Test
  void logLevelOffSilencesTheAgentsOwnLog() throws Exception {
    try (ChildJvm child =
        ChildJvm.start(
            ChildJvm.CURRENT_JDK,
            List.of(
                "-XX:-FlightRecorder",
                "-javaagent:" + ChildJvm.AGENT_JAR + "=127.0.0.1:0,logLevel=off",
                "-cp",
                apps.toString(),
                "Busy"))) {
      child.await("^busy ready", TIMEOUT);
      awaitProblem(child);

      assertThat(child.stop(TIMEOUT)).isZero();
      assertThat(child.stderr()).as(child.output()).allMatch(AgentIT::isJvmWarning);
    }
  }

  @Test
  void theAgentsLogLinesAreShortAtTheLevelAsked() throws Exception {
    try (ChildJvm child =
        ChildJvm.start(
            ChildJvm.CURRENT_JDK,
            List.of(
                "-XX:-FlightRecorder",
                "-javaagent:" + ChildJvm.AGENT_JAR + "=127.0.0.1:0,logLevel=error",
                "-cp",
                apps.toString(),
                "Busy"))) {
      child.await("^busy ready", TIMEOUT);
      child.await("ERROR", TIMEOUT);

      assertThat(child.stop(TIMEOUT)).isZero();
      assertThat(child.stderr())
          .as(child.output())
          .filteredOn(line -> !isJvmWarning(line))
          .singleElement()
          .asString()
          .startsWith("ERROR jfr-threads: not watching threads: ");
    }
  }

  /** A FIFO nobody writes to, or a device that never ends, must not hold up the start. */
  @Test
  void aFifoOrDevZeroAsTheConfigurationFileIsRefusedAndTheApplicationStarts(@TempDir Path dir)
      throws Exception {
    Path fifo = dir.resolve("jfr-threads.properties");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    for (Path file : List.of(fifo, Path.of("/dev/zero"))) {
      try (ChildJvm child = busy(ChildJvm.CURRENT_JDK, "127.0.0.1:0:" + file)) {
        child.await("^busy ready", TIMEOUT);

        assertThat(child.stop(TIMEOUT)).isZero();
        assertThat(child.stderr())
            .as(child.output())
            .containsExactly(
                "jfr-threads: not watching threads: "
                    + file
                    + ": not a regular file (a FIFO, socket or device). Expecting a readable Java"
                    + " properties file of KEY=VALUE lines.");
      }
    }
  }

  // -XX:-FlightRecorder is deprecated: the JVM says so on standard error.
  private static boolean isJvmWarning(String line) {
    return line.startsWith("OpenJDK 64-Bit Server VM warning: Option FlightRecorder");
  }

  /** Waits until the agent has given up, as it records in a system property of the JVM. */
  private static void awaitProblem(ChildJvm child) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(child.pid()));
      try {
        if (vm.getSystemProperties().getProperty(JfrThreadsAgent.PROBLEM_PROPERTY) != null) {
          return;
        }
      } finally {
        vm.detach();
      }
      assertThat(System.nanoTime())
          .as("the agent's problem within " + TIMEOUT)
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /**
   * An application that uses its own, older, Prometheus model, HdrHistogram, SLF4J (with its simple
   * binding), picocli and Jackson, watched by the agent: each side sees its own versions and both
   * work.
   */
  @Test
  void theApplicationKeepsItsOwnLibraryVersionsAndTheAgentWorksBesideThem(@TempDir Path clashApp)
      throws Exception {
    Path libs = Path.of(System.getProperty("jfrthreads.clashLibs", "target/clash-libs"));
    List<Path> jars;
    try (Stream<Path> files = Files.list(libs)) {
      jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
    }
    assertThat(jars)
        .extracting(jar -> jar.getFileName().toString())
        .containsExactly(
            "HdrHistogram-2.1.12.jar",
            "jackson-core-2.17.2.jar",
            "picocli-4.6.2.jar",
            "prometheus-metrics-model-1.3.10.jar",
            "slf4j-api-1.7.36.jar",
            "slf4j-simple-1.7.36.jar");
    TestApps.compile(clashApp, "ClashApp", CLASH_APP, jars);
    String classpath =
        clashApp + ":" + String.join(":", jars.stream().map(Path::toString).toList());

    try (ChildJvm child =
        ChildJvm.start(
            ChildJvm.CURRENT_JDK,
            List.of(
                "-javaagent:" + ChildJvm.AGENT_JAR + "=127.0.0.1:0",
                "-cp",
                classpath,
                "ClashApp"))) {
      int port = Integer.parseInt(child.await(WATCHING, TIMEOUT));
      String app = child.await("^(app: .*)", TIMEOUT);
      String metrics =
          Scrape.until(port, body -> body.contains("jvm_thread_started_total"), TIMEOUT);

      assertThat(app)
          .isEqualTo(
              "app: HdrHistogram from HdrHistogram-2.1.12.jar, p50 42; Prometheus model from"
                  + " prometheus-metrics-model-1.3.10.jar, scraped app_requests 7.0; SLF4J from"
                  + " slf4j-api-1.7.36.jar, bound to org.slf4j.impl.SimpleLoggerFactory; picocli"
                  + " 4.6.2 from picocli-4.6.2.jar; Jackson 2.17.2 from jackson-core-2.17.2.jar,"
                  + " wrote {\"app\":7}");
      assertThat(metrics).contains("jvm_thread_started_total{virtual=\"false\"}");
      assertThat(child.stop(TIMEOUT)).isZero();
      assertThat(child.stderr())
          .as(child.output())
          .hasSize(2)
          .anySatisfy(line -> assertThat(line).matches(WATCHING))
          .anySatisfy(
              line ->
                  assertThat(line).isEqualTo("[main] INFO ClashApp - the application's own log"));
    }
  }

  private static ChildJvm busy(Path jdk, String agentOptions) throws IOException {
    return ChildJvm.start(
        jdk,
        List.of(
            "-javaagent:" + ChildJvm.AGENT_JAR + "=" + agentOptions,
            "-cp",
            apps.toString(),
            "Busy"));
  }

  private static final String CLASH_APP =
      """
      import com.fasterxml.jackson.core.JsonFactory;
      import com.fasterxml.jackson.core.JsonGenerator;
      import io.prometheus.metrics.model.registry.PrometheusRegistry;
      import io.prometheus.metrics.model.snapshots.CounterSnapshot;
      import io.prometheus.metrics.model.snapshots.Labels;
      import io.prometheus.metrics.model.snapshots.MetricMetadata;
      import java.io.StringWriter;
      import java.nio.file.Path;
      import java.util.List;
      import org.HdrHistogram.Histogram;
      import org.slf4j.LoggerFactory;
      import picocli.CommandLine;

      public class ClashApp {
        public static void main(String[] args) throws Exception {
          Histogram histogram = new Histogram(3);
          histogram.recordValue(42);
          PrometheusRegistry registry = new PrometheusRegistry();
          registry.register(() -> new CounterSnapshot(
              new MetricMetadata("app_requests", "requests"),
              List.of(new CounterSnapshot.CounterDataPointSnapshot(7, Labels.EMPTY, null, 0))));
          CounterSnapshot counter = (CounterSnapshot) registry.scrape().get(0);
          LoggerFactory.getLogger(ClashApp.class).info("the application's own log");
          JsonFactory jackson = new JsonFactory();
          StringWriter json = new StringWriter();
          try (JsonGenerator generator = jackson.createGenerator(json)) {
            generator.writeStartObject();
            generator.writeNumberField("app", 7);
            generator.writeEndObject();
          }
          System.out.println("app: HdrHistogram from " + jar(Histogram.class)
              + ", p50 " + histogram.getValueAtPercentile(50)
              + "; Prometheus model from " + jar(PrometheusRegistry.class)
              + ", scraped " + counter.getMetadata().getName() + " " + counter.getDataPoints().get(0).getValue()
              + "; SLF4J from " + jar(LoggerFactory.class)
              + ", bound to " + LoggerFactory.getILoggerFactory().getClass().getName()
              + "; picocli " + CommandLine.VERSION + " from " + jar(CommandLine.class)
              + "; Jackson " + jackson.version() + " from " + jar(JsonFactory.class)
              + ", wrote " + json);
          while (System.in.read() != -1) { }
        }

        static String jar(Class<?> type) throws Exception {
          return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
              .getFileName().toString();
        }
      }
      """;
}
