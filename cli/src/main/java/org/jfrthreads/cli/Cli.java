package org.jfrthreads.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * How every {@code jfr-threads} command reads its command line: with picocli, and with one form of
 * usage error, {@code jfr-threads COMMAND: MESSAGE} and the command's usage on standard error, exit
 * code {@value #USAGE}.
 */
final class Cli {

  /** The exit code of a wrong command line. */
  static final int USAGE = CommandLine.ExitCode.USAGE;

  private Cli() {}

  /** A command line for {@code command}, printing to {@code out} and {@code err}. */
  static CommandLine commandLine(Object command, PrintStream out, PrintStream err) {
    CommandLine commandLine = new CommandLine(command);
    commandLine.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, charset(out)), true));
    commandLine.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, charset(err)), true));
    commandLine.setParameterExceptionHandler(Cli::usageError);
    return commandLine;
  }

  /** Runs {@code command} on {@code args}; returns the exit code. */
  static int execute(Object command, String[] args, PrintStream out, PrintStream err) {
    return commandLine(command, out, err).execute(args);
  }

  /**
   * A usage error found after parsing, such as a value out of range.
   *
   * @param spec the command's spec, injected by picocli
   */
  static CommandLine.ParameterException usage(CommandLine.Model.CommandSpec spec, String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println(name(commandLine) + ": " + message(e));
    String[] synopsis = commandLine.getCommandSpec().usageMessage().customSynopsis();
    if (synopsis.length > 0) {
      err.println("usage: " + synopsis[0]);
    } else {
      err.print(commandLine.getUsageMessage());
    }
    err.flush();
    return USAGE;
  }

  /** {@code jfr-threads} or {@code jfr-threads analyze}. */
  static String name(CommandLine commandLine) {
    String name = commandLine.getCommandName();
    return name.equals(Main.NAME) ? name : Main.NAME + " " + name;
  }

  // picocli's own messages for the common mistakes, in the project's form: the bad word first.
  static String message(CommandLine.ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched
        && !unmatched.getUnmatched().isEmpty()) {
      String first = unmatched.getUnmatched().get(0);
      if (first.startsWith("-")) {
        return first + ": unknown option.";
      }
      return e.getCommandLine().getSubcommands().isEmpty()
          ? first + ": unexpected argument."
          : first + ": unknown command.";
    }
    if (e instanceof CommandLine.MissingParameterException missing
        && missing.getMissing().size() == 1) {
      ArgSpec arg = missing.getMissing().get(0);
      if (arg instanceof OptionSpec option) {
        return option.longestName() + ": missing value.";
      }
    }
    return e.getMessage();
  }

  private static Charset charset(PrintStream stream) {
    return stream.charset();
  }
}
