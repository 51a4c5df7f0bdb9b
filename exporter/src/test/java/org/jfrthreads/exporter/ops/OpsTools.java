package org.jfrthreads.exporter.ops;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.TestAbortedException;

/**
 * Where the operations files live and where the external tools that check them are.
 *
 * <p>Tools are looked up in this order:
 *
 * <ul>
 *   <li>{@code prometheus} and {@code promtool}: the folder in system property {@value
 *       #PROMETHEUS_BIN_PROPERTY} (the exporter pom sets it to {@code .tools/prometheus/usr/bin},
 *       where {@code .ci/prometheus.sh} unpacks Debian's package), else the {@code PATH};
 *   <li>{@code node}: system property {@value #NODE_PROPERTY} (a path or a name on the {@code
 *       PATH}, default {@code node}), with the pinned npm packages installed by {@code
 *       .ci/grafana-schema.sh}.
 * </ul>
 *
 * A test whose tool is missing is skipped with a message saying how to install it, except when the
 * environment variable {@code CI} is {@code true}: there a missing tool fails the test, so that a
 * build machine without the tools cannot pass by skipping.
 *
 * <p>Test classes that look tools up in {@code @BeforeAll} keep the {@link TestAbortedException}
 * and rethrow it per test ({@link #rethrowIfMissing}): JUnit reports a class aborted in
 * {@code @BeforeAll} as zero tests run, which would hide the skip and its reason.
 */
final class OpsTools {

  static final String PROMETHEUS_BIN_PROPERTY = "jfrthreads.prometheus.bin";
  static final String NODE_PROPERTY = "jfrthreads.node";

  private OpsTools() {}

  /** The exporter module folder (Maven runs tests there; an IDE may run them from the root). */
  static Path moduleDir() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path candidate :
        new Path[] {cwd, cwd.resolve("exporter"), cwd.resolveSibling("exporter")}) {
      if (Files.isDirectory(candidate.resolve("src/main/resources/org/jfrthreads/exporter"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        cwd + ": neither it nor ./exporter is the exporter module; run the tests through Maven");
  }

  static Path rulesFile() {
    return moduleDir()
        .resolve("src/main/resources/org/jfrthreads/exporter/prometheus/jfr-threads-rules.yml");
  }

  static Path dashboardFile() {
    return moduleDir()
        .resolve("src/main/resources/org/jfrthreads/exporter/grafana/jfr-threads-dashboard.json");
  }

  /** The promtool unit tests ({@code *.test.yml}). */
  static Path promtoolTestsDir() {
    return moduleDir().resolve("src/test/prometheus");
  }

  /** The npm project that type-checks the dashboard. */
  static Path dashboardCheckDir() {
    return moduleDir().resolve("src/test/grafana");
  }

  static Path promtool() {
    return prometheusTool("promtool");
  }

  static Path prometheus() {
    return prometheusTool("prometheus");
  }

  /** The node binary, after checking that the dashboard check's npm packages are installed. */
  static Path node() {
    String configured = System.getProperty(NODE_PROPERTY, "node");
    Optional<Path> node =
        configured.contains(File.separator)
            ? Optional.of(Path.of(configured)).filter(Files::isExecutable)
            : onPath(configured);
    Path binary =
        require(
            node,
            "node (" + configured + ")",
            "install Node.js 18+ and npm (Debian: apt-get install nodejs npm) or set -D"
                + NODE_PROPERTY
                + "=PATH");
    Path typescript = dashboardCheckDir().resolve("node_modules/typescript/bin/tsc");
    require(
        Optional.of(typescript).filter(Files::isRegularFile),
        typescript.toString(),
        "run .ci/grafana-schema.sh (npm ci in " + dashboardCheckDir() + ")");
    return binary;
  }

  private static Path prometheusTool(String name) {
    String dir = System.getProperty(PROMETHEUS_BIN_PROPERTY);
    Optional<Path> tool =
        dir != null && !dir.isBlank()
            ? Optional.of(Path.of(dir, name)).filter(Files::isExecutable)
            : Optional.empty();
    return require(
        tool.or(() -> onPath(name)),
        name + " (looked in -D" + PROMETHEUS_BIN_PROPERTY + "=" + dir + " and on the PATH)",
        "run .ci/prometheus.sh, which unpacks Debian's prometheus package into .tools/prometheus without starting it");
  }

  /**
   * Rethrows {@code missing} (a tool lookup that aborted in {@code @BeforeAll}) as this test's
   * skip.
   */
  static void rethrowIfMissing(TestAbortedException missing) {
    if (missing != null) {
      Assumptions.abort(missing.getMessage());
    }
  }

  private static Path require(Optional<Path> tool, String what, String howToInstall) {
    if (tool.isPresent()) {
      return tool.get();
    }
    String message = what + " is not installed: " + howToInstall;
    if ("true".equals(System.getenv("CI"))) {
      fail(message + " (CI=true: missing tools fail instead of skipping)");
    }
    System.err.println("[ops tests] skipped: " + message);
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
