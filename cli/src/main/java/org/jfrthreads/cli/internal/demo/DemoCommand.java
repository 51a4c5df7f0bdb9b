package org.jfrthreads.cli.internal.demo;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jfr-threads demo}: the command line of the {@link Demo}, read by picocli. Public for the
 * command's list of subcommands only.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    customSynopsis = "jfr-threads " + DemoCommand.USAGE,
    description =
        "A busy demo application, watched by jfr-threads, serving /metrics and printing a summary"
            + " every five seconds until Ctrl-C.")
public final class DemoCommand implements Callable<Integer> {

  static final String USAGE = "demo [--port N] [--host ADDR] [--seconds N]";

  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", description = "port of /metrics; default 9400")
  int port = 9400;

  @Option(
      names = "--host",
      paramLabel = "ADDR",
      description = "address to serve on; default 127.0.0.1")
  String host = "127.0.0.1";

  @Option(
      names = "--seconds",
      paramLabel = "N",
      description = "stop after N seconds; default: run until Ctrl-C")
  long seconds;

  DemoCommand() {}

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new ParameterException(
          spec.commandLine(),
          port + ": illegal value of --port. Expecting a number from 0 to 65535.");
    }
    if (seconds < 0) {
      throw new ParameterException(
          spec.commandLine(), seconds + ": illegal value of --seconds. Expecting 0 or more.");
    }
    return Demo.run(new DemoOptions(host, port, seconds));
  }
}
