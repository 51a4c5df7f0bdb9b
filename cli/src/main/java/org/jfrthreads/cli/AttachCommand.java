package org.jfrthreads.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.jfrthreads.agent.JfrThreadsAgent;
import org.jfrthreads.cli.internal.agent.AgentOptions;
import org.jfrthreads.exporter.JfrThreads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jfr-threads attach PID [AGENT-OPTIONS]}: loads the agent into a running JVM through the
 * Attach API, with the options of {@code -javaagent}.
 *
 * <p>Before loading, it reads the target's system properties: a JVM older than 21 is refused with
 * the advice to watch it from outside, and a JVM already watched (its agent sets {@value
 * JfrThreadsAgent#STATUS_PROPERTY}) is refused, so that a second agent never starts. After loading,
 * the same properties say whether the agent started and where it serves.
 *
 * <p>The jar loaded is the one this class runs from: the command-line jar is the agent jar.
 */
final class AttachCommand {

  static final String USAGE = "attach PID [AGENT-OPTIONS]";

  private AttachCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the exit status: 0 attached, 1 refused or failed, 2 bad usage. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return Cli.execute(new Arguments(out, err), args, out, err);
  }

  /** The command line of {@code attach}, read by picocli. */
  @Command(
      name = "attach",
      mixinStandardHelpOptions = true,
      customSynopsis = "jfr-threads " + USAGE,
      description = {
        "Loads the agent into a running JVM of the same user through the Attach API.",
        "AGENT-OPTIONS are those of -javaagent:jfr-threads-all.jar=AGENT-OPTIONS, such as"
            + " 127.0.0.1:9400,threshold.park=20ms (jfr-threads settings lists the settings).",
        "Exit codes: 0 attached; 1 refused or failed; 2 the command line is wrong."
      })
  static final class Arguments implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "the JVM's process id")
    String pid;

    @Parameters(
        index = "1",
        arity = "0..1",
        paramLabel = "AGENT-OPTIONS",
        description = "[host:]port[:file] and KEY=VALUE settings, separated by commas")
    String options = "";

    private final PrintStream out;
    private final PrintStream err;

    Arguments() {
      this(System.out, System.err);
    }

    Arguments(PrintStream out, PrintStream err) {
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() {
      if (pid.isEmpty() || !pid.chars().allMatch(Character::isDigit)) {
        throw Cli.usage(spec, pid + ": illegal PID. Expecting a process id, such as 4711.");
      }
      String absolute;
      try {
        // What the agent will check, checked here first: a bad option is a usage error.
        AgentOptions.parse(options).configure(JfrThreads.builder());
        absolute = AgentOptions.withAbsoluteConfigFile(options);
      } catch (IllegalArgumentException e) {
        throw Cli.usage(spec, e.getMessage());
      }
      return attach(pid, absolute, out, err);
    }
  }

  private static int attach(String pid, String options, PrintStream out, PrintStream err) {
    Path agentJar = ownJar();
    if (agentJar == null) {
      err.println(
          "jfr-threads attach: not running from the jfr-threads jar, which is the agent to load:"
              + " build it with ./jfr-threads build and run ./jfr-threads attach.");
      return 1;
    }
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(pid);
    } catch (AttachNotSupportedException | IOException e) {
      err.println(
          "jfr-threads attach: cannot attach to process "
              + pid
              + " ("
              + printable(e.getMessage())
              + "): is it a running JVM of the same user, started without"
              + " -XX:+DisableAttachMechanism?");
      return 1;
    }
    try {
      return load(vm, pid, agentJar, options, out, err);
    } catch (IOException e) {
      err.println(
          "jfr-threads attach: lost the connection to JVM "
              + pid
              + ": "
              + printable(e.getMessage()));
      return 1;
    } finally {
      try {
        vm.detach();
      } catch (IOException e) {
        // the target is gone or closed the connection: nothing left to release
      }
    }
  }

  private static int load(
      VirtualMachine vm,
      String pid,
      Path agentJar,
      String options,
      PrintStream out,
      PrintStream err)
      throws IOException {
    Properties before = vm.getSystemProperties();
    String version = before.getProperty("java.specification.version", "unknown");
    if (featureVersion(version) < 21) {
      err.println(
          "jfr-threads attach: JVM "
              + pid
              + " runs Java "
              + version
              + ": the agent needs JDK 21+."
              + " Watch it from outside instead: jfr-threads watch --pid "
              + pid
              + " (platform threads only, as Java "
              + version
              + " has no virtual-thread events).");
      return 1;
    }
    String running = before.getProperty(JfrThreadsAgent.STATUS_PROPERTY);
    if (running != null) {
      err.println(
          "jfr-threads attach: JVM "
              + pid
              + " is already watched by jfr-threads, "
              + running
              + ": not loading a second agent.");
      return 1;
    }
    try {
      vm.loadAgent(agentJar.toString(), options);
    } catch (AgentLoadException | AgentInitializationException e) {
      err.println(
          "jfr-threads attach: JVM "
              + pid
              + " could not load the agent: "
              + printable(e.getMessage()));
      return 1;
    }
    Properties after = vm.getSystemProperties();
    if (!attached(after)) {
      err.println(
          "jfr-threads attach: the agent did not start in JVM "
              + pid
              + ": "
              + after.getProperty(JfrThreadsAgent.PROBLEM_PROPERTY, "see its standard error."));
      return 1;
    }
    out.println(
        "jfr-threads: watching JVM "
            + pid
            + ", "
            + after.getProperty(JfrThreadsAgent.STATUS_PROPERTY));
    return 0;
  }

  /**
   * Whether the agent just loaded is the one watching, from the target's properties after the load.
   * An agent given with {@code -javaagent} may have been starting while this one was loaded: then
   * the status is that agent's ("loaded at JVM start"), and this one was refused.
   */
  static boolean attached(Properties after) {
    String status = after.getProperty(JfrThreadsAgent.STATUS_PROPERTY);
    return status != null && status.endsWith(JfrThreadsAgent.ATTACHED_AT_RUN_TIME);
  }

  /** The text with control characters (such as the NUL bytes of a process's command line) blank. */
  static String printable(String text) {
    if (text == null) {
      return "";
    }
    return text.codePoints()
        .map(c -> Character.isISOControl(c) ? ' ' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString()
        .strip();
  }

  private static Path ownJar() {
    try {
      Path location =
          Path.of(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(location) && location.toString().endsWith(".jar")
          ? location
          : null;
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return null;
    }
  }

  private static int featureVersion(String specificationVersion) {
    String feature =
        specificationVersion.startsWith("1.")
            ? specificationVersion.substring(2)
            : specificationVersion;
    try {
      return Integer.parseInt(feature.split("\\.")[0]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
