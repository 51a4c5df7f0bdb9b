package org.jfrthreads.cli;

import java.util.ArrayList;
import java.util.List;
import org.jfrthreads.agent.AgentOptions;

/**
 * The options of {@code jfr-threads watch}.
 *
 * @param target the JVM to watch
 * @param settings the port and host to serve on, and the library's settings
 */
record WatchOptions(JvmTarget target, AgentOptions settings) {

  static final String USAGE =
      "watch (--jmx HOST:PORT | --pid PID) [--port N] [--host ADDR] [KEY=VALUE ...]";

  /**
   * @throws IllegalArgumentException naming the bad option and the rule
   */
  static WatchOptions parse(String... args) {
    JvmTarget target = null;
    String host = AgentOptions.DEFAULT_HOST;
    int port = AgentOptions.DEFAULT_PORT;
    List<String> settings = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.contains("=") && !option.startsWith("--")) {
        settings.add(option);
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(
            option + ": unknown option or missing value. Usage: jfr-threads " + USAGE);
      }
      String value = args[++i];
      switch (option) {
        case "--jmx" -> target = JvmTarget.Jmx.parse(value);
        case "--pid" -> target = new JvmTarget.Pid(number(option, value, 1, Integer.MAX_VALUE));
        case "--port" -> port = number(option, value, 0, 65535);
        case "--host" -> host = value;
        default ->
            throw new IllegalArgumentException(
                option + ": unknown option. Usage: jfr-threads " + USAGE);
      }
    }
    if (target == null) {
      throw new IllegalArgumentException(
          "no JVM to watch: give --jmx HOST:PORT or --pid PID. Usage: jfr-threads " + USAGE);
    }
    return new WatchOptions(target, AgentOptions.parseSettings(host, port, settings));
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
