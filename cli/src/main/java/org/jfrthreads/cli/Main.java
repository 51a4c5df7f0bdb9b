package org.jfrthreads.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jfrthreads.cli.internal.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code jfr-threads} command: one word picks what to do, the rest are its options.
 *
 * <p>Exit codes: 0 done; 1 the input or the target was refused (each command says how); {@value
 * Cli#USAGE} the command line is wrong.
 */
@Command(
    name = Main.NAME,
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Watches every thread of a JVM, platform and virtual, through JDK Flight Recorder.",
    subcommands = {
      DemoCommand.class,
      AnalyzeOptions.Arguments.class,
      AttachCommand.Arguments.class,
      WatchOptions.Arguments.class,
      SettingsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  static final String NAME = "jfr-threads";

  @Spec CommandSpec spec;

  Main() {}

  public static void main(String[] args) {
    System.exit(Cli.execute(new Main(), args, System.out, System.err));
  }

  /** Without a command: the list of commands. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version of the jar, as built. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      try (InputStream in = Main.class.getResourceAsStream("version.txt")) {
        String version =
            in == null
                ? "(unknown version)"
                : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new String[] {NAME + " " + version.strip()};
      }
    }
  }
}
