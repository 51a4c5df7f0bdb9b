package org.jfrthreads.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.cli.internal.agent.AgentOptions;
import org.jfrthreads.exporter.MetricsEndpoint;
import org.jfrthreads.exporter.internal.settings.Configuration;
import org.jfrthreads.exporter.internal.settings.Scope;
import org.jfrthreads.exporter.internal.settings.Settings;
import org.jfrthreads.stream.ThreadEventSettings;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The options of {@code jfr-threads watch}.
 *
 * @param target the JVM to watch
 * @param host the address to serve {@code /metrics} on
 * @param port its port, 0 for any free one
 * @param endpointSettings basic authentication and TLS of {@code /metrics}, key to text as given
 *     (checked: see {@link #endpoint})
 * @param eventSettings which JFR events and thresholds
 * @param analyzerConfig label bounds and windows
 */
record WatchOptions(
    JvmTarget target,
    String host,
    int port,
    Map<String, String> endpointSettings,
    ThreadEventSettings eventSettings,
    AnalyzerConfig analyzerConfig) {

  static final String USAGE =
      "watch (--jmx HOST:PORT | --pid PID) [--port N] [--host ADDR] [KEY=VALUE ...]";

  WatchOptions {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(host, "host");
    endpointSettings = Map.copyOf(endpointSettings);
    Objects.requireNonNull(eventSettings, "eventSettings");
    Objects.requireNonNull(analyzerConfig, "analyzerConfig");
  }

  /**
   * The endpoint to serve on, with the basic authentication and TLS asked for, as the agent's: the
   * password and key store files are read here.
   *
   * @throws IllegalArgumentException for one setting of a pair without the other, or a file that
   *     cannot serve, naming the setting
   */
  MetricsEndpoint.Builder endpoint() {
    return AgentOptions.endpoint(host, port, endpointSettings);
  }

  /**
   * Reads a command line of {@code watch}.
   *
   * @throws IllegalArgumentException naming the bad option and the rule
   */
  static WatchOptions parse(String... args) {
    Arguments arguments = new Arguments();
    CommandLine commandLine = new CommandLine(arguments);
    try {
      commandLine.parseArgs(args);
      return arguments.options();
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(Cli.message(e), e);
    }
  }

  /** The command line of {@code watch}, read by picocli. */
  @Command(
      name = "watch",
      mixinStandardHelpOptions = true,
      customSynopsis = "jfr-threads " + USAGE,
      description = {
        "A sidecar: streams another JVM's thread events over JMX and serves its metrics.",
        "KEY=VALUE are the settings of JFR and the analyzer, and the endpoint's basic"
            + " authentication and TLS, as for the agent (jfr-threads settings lists them; those"
            + " of the agent only are refused).",
        "Exit codes: 1 the port cannot be served; 2 the command line is wrong."
      })
  static final class Arguments implements Callable<Integer> {

    // The agent's settings that make sense outside the watched JVM.
    private static final Set<Scope> SCOPES = EnumSet.of(Scope.EVENTS, Scope.ENDPOINT);

    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Target target;

    static final class Target {
      @Option(
          names = "--jmx",
          paramLabel = "HOST:PORT",
          description = "a JVM started with -Dcom.sun.management.jmxremote.port=PORT")
      String jmx;

      @Option(
          names = "--pid",
          paramLabel = "PID",
          description = "a local JVM of the same user, attached to start its local JMX agent")
      String pid;
    }

    @Option(
        names = "--port",
        paramLabel = "N",
        description = "port of /metrics, 0 for any free one; default ${DEFAULT-VALUE}")
    String port = Integer.toString(AgentOptions.DEFAULT_PORT);

    @Option(
        names = "--host",
        paramLabel = "ADDR",
        description = "address to serve on; default ${DEFAULT-VALUE}")
    String host = AgentOptions.DEFAULT_HOST;

    @Parameters(paramLabel = "KEY=VALUE", description = "settings, such as threshold.park=20ms")
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
      return WatchCommand.run(options(), System.err);
    }

    /** The options, checked. */
    WatchOptions options() {
      try {
        return check();
      } catch (IllegalArgumentException e) {
        throw Cli.usage(spec, e.getMessage());
      }
    }

    private WatchOptions check() {
      if (target == null) {
        throw new IllegalArgumentException(
            "no JVM to watch: give --jmx HOST:PORT or --pid PID. Usage: jfr-threads " + USAGE);
      }
      JvmTarget jvm =
          target.jmx != null
              ? JvmTarget.Jmx.parse(target.jmx)
              : new JvmTarget.Pid(number("--pid", target.pid, 1, Integer.MAX_VALUE));
      Map<String, String> given = new LinkedHashMap<>();
      for (String setting : settings) {
        int equals = setting.indexOf('=');
        if (equals <= 0) {
          throw new IllegalArgumentException(
              setting + ": not a setting. Expecting KEY=VALUE, for example threshold.park=20ms.");
        }
        String key = setting.substring(0, equals);
        Settings.find(key)
            .filter(known -> !SCOPES.contains(known.scope()))
            .ifPresent(
                known -> {
                  throw new IllegalArgumentException(
                      setting
                          + ": a setting of the agent only; the sidecar follows the other JVM"
                          + " through JFR alone.");
                });
        if (Settings.find(key).isEmpty()) {
          throw new IllegalArgumentException(
              setting + ": unknown setting. Expecting one of " + Settings.keys(SCOPES) + ".");
        }
        String first = given.putIfAbsent(key, setting.substring(equals + 1));
        if (first != null) {
          throw new IllegalArgumentException(
              setting + ": given twice (first " + key + "=" + first + "). Expecting each once.");
        }
      }
      if (host.isBlank()) {
        throw new IllegalArgumentException(
            "\"" + host + "\": illegal --host. Expecting a name or address, such as 127.0.0.1.");
      }
      Configuration configuration = Configuration.sidecar().set(given);
      Map<String, String> endpointSettings = new LinkedHashMap<>();
      given.forEach(
          (key, value) -> {
            if (Settings.find(key).orElseThrow().scope() == Scope.ENDPOINT) {
              endpointSettings.put(key, value);
            }
          });
      WatchOptions options =
          new WatchOptions(
              jvm,
              host,
              number("--port", port, 0, 65535),
              endpointSettings,
              configuration.eventSettings(),
              configuration.analyzerConfig());
      options.endpoint(); // the pairs and the files, checked as the agent checks them
      return options;
    }
  }

  static int number(String option, String value, int min, int max) {
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        value
            + ": illegal value of "
            + option
            + ". Expecting a number from "
            + min
            + " to "
            + max
            + ".");
  }
}
