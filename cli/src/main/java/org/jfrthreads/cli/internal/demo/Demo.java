package org.jfrthreads.cli.internal.demo;

import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import org.jfrthreads.cli.internal.agent.AgentOptions;
import org.jfrthreads.exporter.JfrThreads;

/**
 * The demo: a busy little application watched by jfr-threads, serving {@code /metrics} and printing
 * a summary every five seconds until Ctrl-C.
 *
 * <pre>
 * Options:
 *   --port N       port of /metrics (default 9400)
 *   --host ADDR    address to serve on (default 127.0.0.1)
 *   --seconds N    stop after N seconds (default: run until Ctrl-C)
 * </pre>
 */
final class Demo {

  private Demo() {}

  /** Runs the demo; returns 1 at once if it cannot watch or serve, else 0 when time is up. */
  static int run(DemoOptions options) throws InterruptedException {
    // The workload first: the first virtual-thread dump, taken as watching starts, then finds its
    // long-lived virtual threads (under load the next one can come much later than 15 s).
    DemoWorkload workload = new DemoWorkload();
    workload.start();
    JfrThreads threads =
        JfrThreads.builder()
            .httpHost(options.host())
            .httpPort(options.port())
            // a few hundred virtual threads live at a time: a dump costs milliseconds here
            .virtualThreadDump(Duration.ofSeconds(15), 10_000)
            .start();
    if (!threads.problems().isEmpty()) {
      threads.problems().forEach(problem -> System.err.println("demo: " + problem));
      threads.close();
      workload.close();
      return 1;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  workload.close();
                  threads.close();
                },
                "demo-shutdown"));
    System.out.printf(
        "jfr-threads demo: metrics on %s (Ctrl-C to stop)%n",
        AgentOptions.metricsUrl(options.host(), threads.httpPort()));
    long deadline =
        options.seconds() > 0
            ? System.nanoTime() + Duration.ofSeconds(options.seconds()).toNanos()
            : Long.MAX_VALUE;
    while (System.nanoTime() < deadline) {
      Thread.sleep(Math.min(5_000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      System.out.print(
          "["
              + LocalTime.now().truncatedTo(ChronoUnit.SECONDS)
              + "] "
              + LiveSummary.format(threads.snapshot()));
    }
    return 0;
  }
}
