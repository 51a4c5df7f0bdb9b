package org.jfrthreads.cli.internal.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.jfrthreads.exporter.JfrThreads;
import org.jfrthreads.exporter.MetricsEndpoint;
import org.jfrthreads.exporter.internal.settings.Configuration;
import org.jfrthreads.exporter.internal.settings.Scope;
import org.jfrthreads.exporter.internal.settings.Setting;
import org.jfrthreads.exporter.internal.settings.Settings;

/**
 * The options of the jfr-threads agent: where to serve {@code /metrics} and the library's settings,
 * parsed from the argument of {@code -javaagent:jfr-threads-all.jar=OPTIONS}.
 *
 * <pre>
 * OPTIONS  = [ADDRESS] ("," SETTING)*
 * ADDRESS  = [HOST ":"] PORT [":" FILE]  |  FILE
 * SETTING  = KEY "=" VALUE
 * </pre>
 *
 * <p>The address follows the Prometheus JMX exporter agent: {@code 9400}, {@code 127.0.0.1:9400},
 * {@code [::1]:9400}, {@code 9400:jfr-threads.properties}, or a file alone. The host defaults to
 * {@code 0.0.0.0}, the port to 9400; port 0 takes any free port. The file is a Java properties file
 * of the same settings, plus {@code host} and {@code port}; settings given inline win over it. It
 * is read only if it is a regular file of at most {@value #MAX_FILE_BYTES} bytes, so that a FIFO or
 * a device named by mistake cannot hold up the application's start. Examples:
 *
 * <pre>
 * -javaagent:jfr-threads-all.jar=9400
 * -javaagent:jfr-threads-all.jar=127.0.0.1:9400,threshold.park=20ms,virtualThreadLifecycle=false
 * -javaagent:jfr-threads-all.jar=9400:/etc/jfr-threads.properties
 * </pre>
 *
 * <p>The settings are those of {@link Settings#ALL}. Reading options is in two steps, so that the
 * agent's log is configured before the library's first class is loaded: {@link #parse} reads the
 * text (the address, the file, known keys given once, each value in its grammar) and touches no
 * builder; {@link #configure} hands the values to the library's builder, whose setters check their
 * ranges. Either throws an {@link IllegalArgumentException} of one line that leads with the option.
 *
 * @param host the address to serve {@code /metrics} on
 * @param port its port, 0 for any free one
 * @param settings the settings as given, key to text; inline ones over the file's
 * @param logLevel the level of the agent's own log
 */
public record AgentOptions(String host, int port, Map<String, String> settings, String logLevel) {

  /** The port when none is given, as for {@code jfr-threads watch}. */
  public static final int DEFAULT_PORT = 9400;

  public static final String DEFAULT_HOST = "0.0.0.0";

  /** The largest properties file read. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  public AgentOptions {
    Objects.requireNonNull(host, "host");
    settings = Map.copyOf(settings);
    Objects.requireNonNull(logLevel, "logLevel");
  }

  /**
   * Reads an agent argument; {@code null} or empty gives the defaults. Checks the address, the
   * file, the keys and the grammar of each value, not their ranges: see {@link #configure}.
   *
   * @throws IllegalArgumentException naming the bad option and the rule, in one line
   */
  public static AgentOptions parse(String options) {
    List<String> elements = split(options);
    Map<String, String> settings = new LinkedHashMap<>();
    String host = null;
    String port = null;
    if (!elements.isEmpty() && !elements.get(0).contains("=")) {
      Address address = Address.parse(elements.remove(0));
      if (address.file() != null) {
        Map<String, String> fromFile = readFile(address.file());
        host = fromFile.remove("host");
        port = fromFile.remove("port");
        settings.putAll(fromFile);
      }
      host = address.host() != null ? address.host() : host;
      port = address.port() != null ? address.port() : port;
    }
    Map<String, String> inline = new LinkedHashMap<>();
    for (String element : elements) {
      int equals = element.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException(
            element
                + ": not a setting. Expecting KEY=VALUE after the address, separated by commas,"
                + " for example 9400,threshold.park=20ms.");
      }
      String key = element.substring(0, equals).trim();
      String value = element.substring(equals + 1).trim();
      String first = inline.putIfAbsent(key, value);
      if (first != null) {
        throw new IllegalArgumentException(
            element + ": given twice (first " + key + "=" + first + "). Expecting each once.");
      }
      checkKnown(key, value);
    }
    settings.putAll(inline);
    String logLevel = Settings.LOG_LEVEL.defaultValue();
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      Setting<?> known = Settings.find(setting.getKey()).orElseThrow();
      try {
        Object value = known.type().parse(setting.getValue());
        if (known == Settings.LOG_LEVEL) {
          logLevel = (String) value;
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(setting.getKey() + "=" + e.getMessage(), e);
      }
    }
    if (host != null && host.isBlank()) {
      throw new IllegalArgumentException(
          "\"" + host + "\": illegal host. Expecting a name or address, such as 127.0.0.1.");
    }
    return new AgentOptions(
        host == null ? DEFAULT_HOST : host,
        port == null ? DEFAULT_PORT : Address.port(port),
        settings,
        logLevel);
  }

  /**
   * Hands the settings to {@code builder}, whose setters check each value.
   *
   * @return {@code builder}
   * @throws IllegalArgumentException {@code KEY=VALUE: } and the setter's message
   */
  public JfrThreads.Builder configure(JfrThreads.Builder builder) {
    return Configuration.agent(builder).set(settings).jfrThreads();
  }

  /** {@code http://HOST:PORT/metrics}, with an IPv6 address in brackets. */
  public static String metricsUrl(String host, int port) {
    return metricsUrl("http", host, port);
  }

  /** {@code SCHEME://HOST:PORT/metrics}, with an IPv6 address in brackets. */
  public static String metricsUrl(String scheme, String host, int port) {
    return scheme
        + "://"
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + port
        + "/metrics";
  }

  /**
   * The agent's endpoint: its address, and the basic authentication and TLS asked for, whose files
   * are read here.
   *
   * @throws IllegalArgumentException for one setting of a pair without the other, or a file that
   *     cannot serve, naming the setting
   */
  public MetricsEndpoint.Builder endpoint() {
    return endpoint(host, port, settings);
  }

  /**
   * An endpoint on {@code host} and {@code port} with the basic authentication and TLS that {@code
   * settings} (key to text, as given) ask for, whose files are read here: the agent's, or the
   * sidecar's. Settings of other scopes are ignored.
   *
   * @throws IllegalArgumentException for one setting of a pair without the other, or a file that
   *     cannot serve, naming the setting
   */
  public static MetricsEndpoint.Builder endpoint(
      String host, int port, Map<String, String> settings) {
    MetricsEndpoint.Builder endpoint = MetricsEndpoint.builder().host(host).port(port);
    String user = pair(settings, Settings.HTTP_USER, Settings.HTTP_PASSWORD_FILE);
    if (user != null) {
      endpoint.basicAuth(user, file(settings, Settings.HTTP_PASSWORD_FILE));
    }
    if (pair(settings, Settings.HTTPS_KEY_STORE, Settings.HTTPS_KEY_STORE_PASSWORD_FILE) != null) {
      endpoint.tls(
          file(settings, Settings.HTTPS_KEY_STORE),
          file(settings, Settings.HTTPS_KEY_STORE_PASSWORD_FILE));
    }
    return endpoint;
  }

  // The first setting's value if both are given, null if neither is.
  private static String pair(Map<String, String> settings, Setting<?> first, Setting<?> second) {
    String one = settings.get(first.key());
    String other = settings.get(second.key());
    if ((one == null) != (other == null)) {
      Setting<?> given = one != null ? first : second;
      Setting<?> missing = one != null ? second : first;
      throw new IllegalArgumentException(
          given.key() + " without " + missing.key() + ". Expecting both, or neither.");
    }
    return one;
  }

  private static Path file(Map<String, String> settings, Setting<Path> setting) {
    return setting.type().parse(settings.get(setting.key()));
  }

  /**
   * The same argument with a relative configuration file made absolute against this process's
   * working directory, for handing to another JVM whose working directory differs.
   */
  public static String withAbsoluteConfigFile(String options) {
    List<String> elements = split(options);
    if (elements.isEmpty() || elements.get(0).contains("=")) {
      return options == null ? "" : options;
    }
    Address address = Address.parse(elements.get(0));
    if (address.file() == null) {
      return options;
    }
    String absolute = Path.of(address.file()).toAbsolutePath().toString();
    String prefix =
        elements.get(0).substring(0, elements.get(0).length() - address.file().length());
    elements.set(0, prefix + absolute);
    return String.join(",", elements);
  }

  private static void checkKnown(String key, String value) {
    if (Settings.find(key).isEmpty()) {
      throw new IllegalArgumentException(
          key
              + "="
              + value
              + ": unknown option. Expecting [host:]port[:file] first, then KEY=VALUE settings with"
              + " KEY one of "
              + Settings.keys(EnumSet.allOf(Scope.class)));
    }
  }

  private static List<String> split(String options) {
    List<String> elements = new ArrayList<>();
    if (options == null || options.isBlank()) {
      return elements;
    }
    for (String element : options.split(",", -1)) {
      if (element.isBlank()) {
        throw new IllegalArgumentException(
            "\""
                + options
                + "\": empty option between commas. Expecting [host:]port,KEY=VALUE,...");
      }
      elements.add(element.trim());
    }
    return elements;
  }

  private static Map<String, String> readFile(String file) {
    String text = readBounded(file);
    Map<String, String> settings = new LinkedHashMap<>();
    Properties properties =
        new Properties() {
          @Override
          public synchronized Object put(Object key, Object value) {
            String first = settings.putIfAbsent((String) key, ((String) value).trim());
            if (first != null) {
              throw new IllegalArgumentException(
                  key
                      + "="
                      + value
                      + " (in "
                      + file
                      + "): given twice (first "
                      + key
                      + "="
                      + first
                      + "). Expecting each once.");
            }
            return null;
          }
        };
    try {
      properties.load(new StringReader(text));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          file + ": cannot read the configuration file (" + e + ").");
    }
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      String key = setting.getKey();
      if (!key.equals("host") && !key.equals("port") && Settings.find(key).isEmpty()) {
        throw new IllegalArgumentException(
            key
                + " (in "
                + file
                + "): unknown setting. Expecting host, port or one of "
                + Settings.keys(EnumSet.allOf(Scope.class)));
      }
    }
    return settings;
  }

  // Only a regular file, and only so much of it: opening a FIFO blocks until someone writes to
  // it, and a device such as /dev/zero never ends.
  private static String readBounded(String file) {
    String expecting = ". Expecting a readable Java properties file of KEY=VALUE lines.";
    try {
      Path path = Path.of(file);
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw new IllegalArgumentException(
            file
                + ": not a regular file ("
                + (attributes.isDirectory() ? "a directory" : "a FIFO, socket or device")
                + ")"
                + expecting);
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(path)) {
        bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      }
      if (bytes.length > MAX_FILE_BYTES) {
        throw new IllegalArgumentException(
            file + ": larger than " + MAX_FILE_BYTES + " bytes" + expecting);
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException illegal) {
        throw illegal;
      }
      throw new IllegalArgumentException(
          file + ": cannot read the configuration file (" + e + ")" + expecting);
    }
  }

  /** The part before the first comma: {@code [host:]port[:file]} or a file alone. */
  private record Address(String host, String port, String file) {

    static Address parse(String element) {
      if (element.startsWith("[")) {
        int close = element.indexOf(']');
        if (close < 0 || close + 1 >= element.length() || element.charAt(close + 1) != ':') {
          throw illegal(element);
        }
        String host = element.substring(1, close);
        String[] rest = element.substring(close + 2).split(":", 2);
        return new Address(
            checkedHost(element, host),
            checkedPort(element, rest[0]),
            rest.length > 1 ? rest[1] : null);
      }
      String[] parts = element.split(":", 3);
      return switch (parts.length) {
        case 1 ->
            isNumber(parts[0])
                ? new Address(null, checkedPort(element, parts[0]), null)
                : new Address(null, null, parts[0]);
        case 2 ->
            isNumber(parts[0])
                ? new Address(null, checkedPort(element, parts[0]), parts[1])
                : new Address(checkedHost(element, parts[0]), checkedPort(element, parts[1]), null);
        default ->
            new Address(checkedHost(element, parts[0]), checkedPort(element, parts[1]), parts[2]);
      };
    }

    static int port(String port) {
      try {
        int number = Integer.parseInt(port.trim());
        if (number >= 0 && number <= 65535) {
          return number;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          port + ": illegal port. Expecting 0 (any free port) to 65535.");
    }

    private static String checkedHost(String element, String host) {
      if (host.isBlank()) {
        throw illegal(element);
      }
      return host;
    }

    private static String checkedPort(String element, String port) {
      if (!isNumber(port)) {
        throw illegal(element);
      }
      port(port);
      return port;
    }

    private static boolean isNumber(String text) {
      return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

    private static IllegalArgumentException illegal(String element) {
      return new IllegalArgumentException(
          element
              + ": illegal address. Expecting [host:]port[:file] or a file, for example 9400,"
              + " 127.0.0.1:9400, [::1]:9400 or 9400:jfr-threads.properties.");
    }
  }
}
