package org.jfrthreads.junit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The settings of one check, from a {@link ThreadLeakCheck} or, without one, from JUnit
 * configuration parameters. This class defines every setting: its key, default and rule.
 *
 * @param graceMillis how long threads may take to end after the test, 0 or more
 * @param ignoreNames whole-name patterns of threads never reported
 * @param ignoreSites creation-site prefixes never reported, the built-in ones included
 * @param scope when the check runs
 * @param warnOnly whether a leak is reported without failing
 * @param parallel whether JUnit runs tests in parallel in this run
 * @param origin where the settings come from, for messages
 */
record LeakCheckSettings(
    long graceMillis,
    List<Pattern> ignoreNames,
    List<String> ignoreSites,
    ThreadLeakCheck.Scope scope,
    boolean warnOnly,
    boolean parallel,
    String origin) {

  /** JUnit's own switch for parallel execution, read to refuse what cannot be checked. */
  static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";

  static final String PREFIX = "jfrthreads.threadleak.";
  static final String GRACE_MILLIS = PREFIX + "graceMillis";
  static final String IGNORE_NAMES = PREFIX + "ignoreNames";
  static final String IGNORE_SITES = PREFIX + "ignoreSites";
  static final String SCOPE = PREFIX + "scope";
  static final String WARN_ONLY = PREFIX + "warnOnly";

  /**
   * Creation sites never reported: threads the test framework starts for itself (JUnit's timeout
   * watcher, for one) outlive the test on purpose.
   */
  static final List<String> BUILT_IN_IGNORED_SITES =
      List.of("org.junit.", "org.apache.maven.surefire.", "org.gradle.");

  LeakCheckSettings {
    ignoreNames = List.copyOf(ignoreNames);
    ignoreSites = List.copyOf(ignoreSites);
  }

  /**
   * The settings of an annotation found on {@code element} (a class or method name); of the
   * configuration parameters, only JUnit's switch for parallel execution is read.
   */
  static LeakCheckSettings of(
      ThreadLeakCheck annotation,
      String element,
      boolean onMethod,
      Function<String, Optional<String>> parameters) {
    String origin = "@ThreadLeakCheck on " + element;
    if (onMethod && annotation.scope() == ThreadLeakCheck.Scope.CLASS) {
      throw new ExtensionConfigurationException(
          "scope = CLASS: "
              + origin
              + " is on a method, where only METHOD applies. Put it on the class, or drop scope.");
    }
    return new LeakCheckSettings(
        checkGrace(annotation.graceMillis(), origin),
        patterns(Arrays.asList(annotation.ignoreNames()), origin),
        sites(Arrays.asList(annotation.ignoreSites())),
        annotation.scope(),
        annotation.warnOnly(),
        parallel(parameters),
        origin);
  }

  /**
   * The settings of a globally registered extension, from configuration parameters ({@code
   * junit-platform.properties} or the build tool):
   *
   * <pre>
   * jfrthreads.threadleak.graceMillis=2000
   * jfrthreads.threadleak.ignoreNames=kafka-.*,OkHttp .*      (comma-separated)
   * jfrthreads.threadleak.ignoreSites=com.zaxxer.hikari.      (comma-separated)
   * jfrthreads.threadleak.scope=method                        (method or class)
   * jfrthreads.threadleak.warnOnly=false
   * </pre>
   */
  static LeakCheckSettings fromConfiguration(Function<String, Optional<String>> parameters) {
    String origin = "configuration parameters " + PREFIX + "*";
    long grace =
        parameters
            .apply(GRACE_MILLIS)
            .map(value -> parseLong(value, GRACE_MILLIS))
            .orElse(ThreadLeakCheck.DEFAULT_GRACE_MILLIS);
    ThreadLeakCheck.Scope scope =
        parameters
            .apply(SCOPE)
            .map(LeakCheckSettings::parseScope)
            .orElse(ThreadLeakCheck.Scope.METHOD);
    boolean warnOnly =
        parameters.apply(WARN_ONLY).map(value -> parseBoolean(value, WARN_ONLY)).orElse(false);
    return new LeakCheckSettings(
        checkGrace(grace, GRACE_MILLIS),
        patterns(split(parameters.apply(IGNORE_NAMES)), IGNORE_NAMES),
        sites(split(parameters.apply(IGNORE_SITES))),
        scope,
        warnOnly,
        parallel(parameters),
        origin);
  }

  private static boolean parallel(Function<String, Optional<String>> parameters) {
    return parameters.apply(PARALLEL).map(Boolean::parseBoolean).orElse(false);
  }

  /** Whether a thread of this name is never reported. */
  boolean ignoresName(String name) {
    for (Pattern pattern : ignoreNames) {
      if (pattern.matcher(name).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Whether a thread created at (or, for a virtual thread, running) {@code site} is ignored. */
  boolean ignoresSite(String site) {
    for (String prefix : ignoreSites) {
      if (site.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static long checkGrace(long graceMillis, String origin) {
    if (graceMillis < 0) {
      throw new ExtensionConfigurationException(
          graceMillis + ": graceMillis must be 0 or more (" + origin + ").");
    }
    return graceMillis;
  }

  private static List<Pattern> patterns(List<String> regexes, String origin) {
    List<Pattern> patterns = new ArrayList<>();
    for (String regex : regexes) {
      try {
        patterns.add(Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        throw new ExtensionConfigurationException(
            "\""
                + regex
                + "\": ignoreNames must be regular expressions ("
                + origin
                + "): "
                + e.getDescription(),
            e);
      }
    }
    return patterns;
  }

  private static List<String> sites(List<String> prefixes) {
    List<String> sites = new ArrayList<>(BUILT_IN_IGNORED_SITES);
    for (String prefix : prefixes) {
      if (!prefix.isBlank()) {
        sites.add(prefix.strip());
      }
    }
    return sites;
  }

  private static List<String> split(Optional<String> value) {
    if (value.isEmpty() || value.get().isBlank()) {
      return List.of();
    }
    List<String> parts = new ArrayList<>();
    for (String part : value.get().split(",")) {
      if (!part.isBlank()) {
        parts.add(part.strip());
      }
    }
    return parts;
  }

  private static long parseLong(String value, String key) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new ExtensionConfigurationException(
          "\"" + value + "\": " + key + " must be a whole number of milliseconds.", e);
    }
  }

  private static boolean parseBoolean(String value, String key) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new ExtensionConfigurationException(
              "\"" + value + "\": " + key + " must be true or false.");
    };
  }

  private static ThreadLeakCheck.Scope parseScope(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "method" -> ThreadLeakCheck.Scope.METHOD;
      case "class" -> ThreadLeakCheck.Scope.CLASS;
      default ->
          throw new ExtensionConfigurationException(
              "\"" + value + "\": " + SCOPE + " must be method or class.");
    };
  }
}
