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
import org.jfrthreads.agent.AgentOptions;
import org.jfrthreads.agent.JfrThreadsAgent;

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
public final class AttachCommand {

  static final String USAGE = "attach PID [AGENT-OPTIONS]";

  private AttachCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the exit status: 0 attached, 1 refused or failed, 2 bad usage. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 1 || args.length > 2 || !args[0].chars().allMatch(Character::isDigit)) {
      err.println("jfr-threads attach: usage: jfr-threads " + USAGE);
      return 2;
    }
    String pid = args[0];
    String options = args.length > 1 ? args[1] : "";
    try {
      AgentOptions.parse(options);
      options = AgentOptions.withAbsoluteConfigFile(options);
    } catch (IllegalArgumentException e) {
      err.println("jfr-threads attach: " + e.getMessage());
      return 2;
    }
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
              + e.getMessage()
              + "): is it a running JVM of the same user, started without"
              + " -XX:+DisableAttachMechanism?");
      return 1;
    }
    try {
      return load(vm, pid, agentJar, options, out, err);
    } catch (IOException e) {
      err.println("jfr-threads attach: lost the connection to JVM " + pid + ": " + e.getMessage());
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
          "jfr-threads attach: JVM " + pid + " could not load the agent: " + e.getMessage());
      return 1;
    }
    Properties after = vm.getSystemProperties();
    String status = after.getProperty(JfrThreadsAgent.STATUS_PROPERTY);
    if (status == null) {
      err.println(
          "jfr-threads attach: the agent did not start in JVM "
              + pid
              + ": "
              + after.getProperty(JfrThreadsAgent.PROBLEM_PROPERTY, "see its standard error."));
      return 1;
    }
    out.println("jfr-threads: watching JVM " + pid + ", " + status);
    return 0;
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
