package org.jfrthreads.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;

/**
 * The agent's entry point, named by the jar manifest as {@code Premain-Class} ({@code -javaagent})
 * and {@code Agent-Class} ({@code jfr-threads attach}).
 *
 * <p>This one class is compiled for Java 8 so that any JVM loads it: on a JDK older than 21 it says
 * so in one line on standard error, where loading the agent itself would fail with an {@code
 * UnsupportedClassVersionError}; on 21 and newer it hands over to {@code JfrThreadsAgent}, by
 * reflection so that nothing compiled for 21 is linked before the check. It never throws: an
 * exception out of {@code premain} would stop the application's JVM.
 */
public final class AgentLauncher {

  /** The oldest Java feature release that has the virtual-thread JFR events. */
  static final int REQUIRED_FEATURE_VERSION = 21;

  private static final String AGENT_CLASS = "org.jfrthreads.agent.JfrThreadsAgent";

  private AgentLauncher() {}

  /** Called before the application's {@code main} when started with {@code -javaagent}. */
  public static void premain(String options, Instrumentation instrumentation) {
    launch(options, true);
  }

  /** Called when loaded into a running JVM through the Attach API. */
  public static void agentmain(String options, Instrumentation instrumentation) {
    launch(options, false);
  }

  private static void launch(String options, boolean atStartup) {
    String version = System.getProperty("java.specification.version", "unknown");
    if (featureVersion(version) < REQUIRED_FEATURE_VERSION) {
      System.err.println(
          "jfr-threads needs JDK "
              + REQUIRED_FEATURE_VERSION
              + "+, this JVM is "
              + version
              + ": not watching threads, the application runs unwatched. Run it on a JDK "
              + REQUIRED_FEATURE_VERSION
              + " or newer (this one is "
              + System.getProperty("java.home")
              + "), or watch it from outside with jfr-threads watch --pid.");
      return;
    }
    try {
      Class.forName(AGENT_CLASS, true, AgentLauncher.class.getClassLoader())
          .getMethod("start", String.class, boolean.class)
          .invoke(null, options, atStartup);
    } catch (InvocationTargetException e) {
      System.err.println("jfr-threads: not watching threads: " + e.getCause());
    } catch (Throwable e) {
      System.err.println("jfr-threads: not watching threads: " + e);
    }
  }

  /** 8 for "1.8", 17 for "17"; 0 when unreadable. */
  static int featureVersion(String specificationVersion) {
    String feature =
        specificationVersion.startsWith("1.")
            ? specificationVersion.substring(2)
            : specificationVersion;
    int dot = feature.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? feature : feature.substring(0, dot));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
