package org.jfrthreads.cli;

import java.util.Arrays;
import org.jfrthreads.demo.Demo;

/** The {@code jfr-threads} command: one word picks what to do, the rest are its options. */
public final class Main {

  static final String USAGE =
      """
      usage: jfr-threads COMMAND [OPTIONS]
        demo [--port N] [--host ADDR] [--seconds N]   a busy demo application, watched, serving /metrics
        analyze FILE.jfr [--format text|json|html] [--output FILE]   a report of a JFR recording's threads
        attach PID [AGENT-OPTIONS]                    load the agent into a running JVM (options as for -javaagent)
        watch (--jmx HOST:PORT | --pid PID) [--port N] [--host ADDR] [KEY=VALUE ...]
                                                      a sidecar serving another JVM's thread metrics
      """;

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      System.out.print(USAGE);
      return;
    }
    String[] options = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "demo" -> Demo.main(options);
      case "analyze" -> AnalyzeCommand.main(options);
      case "attach" -> AttachCommand.main(options);
      case "watch" -> WatchCommand.main(options);
      default -> {
        System.err.println("jfr-threads: " + args[0] + ": unknown command.");
        System.err.print(USAGE);
        System.exit(2);
      }
    }
  }
}
