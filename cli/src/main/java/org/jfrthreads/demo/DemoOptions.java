package org.jfrthreads.demo;

/**
 * The demo's command-line options.
 *
 * @param host the address to serve /metrics on
 * @param port its port
 * @param seconds how long to run, 0 for until Ctrl-C
 */
record DemoOptions(String host, int port, long seconds) {

  static DemoOptions parse(String... args) {
    String host = "127.0.0.1";
    int port = 9400;
    long seconds = 0;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(
            option
                + ": unknown option or missing value. Usage: demo [--port N] [--host ADDR] [--seconds N]");
      }
      String value = args[++i];
      switch (option) {
        case "--host" -> host = value;
        case "--port" -> port = number(option, value, 0, 65535);
        case "--seconds" -> seconds = number(option, value, 0, Integer.MAX_VALUE);
        default ->
            throw new IllegalArgumentException(
                option + ": unknown option. Usage: demo [--port N] [--host ADDR] [--seconds N]");
      }
    }
    return new DemoOptions(host, port, seconds);
  }

  private static int number(String option, String value, int min, int max) {
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
