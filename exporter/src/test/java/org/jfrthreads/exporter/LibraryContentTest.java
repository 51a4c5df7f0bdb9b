package org.jfrthreads.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An application that depends on the library gets the library: no command line, report, demo,
 * picocli or Jackson, neither as dependencies nor as classes inside the jars it gets. Reads the
 * runtime dependencies Maven resolved for this module ({@code target/runtime-dependencies.txt},
 * written by the dependency plugin before the tests run) and opens each of them.
 */
class LibraryContentTest {

  /** A line of {@code dependency:list}: group:artifact:type[:classifier]:version:scope:path. */
  private static final Pattern DEPENDENCY =
      Pattern.compile(
          "^\\s+([^:\\s]+):([^:]+):[^:]+(?::[^:]+)?:[^:]+:(compile|runtime):(.+?)(?: -- .*)?$");

  /**
   * Class and resource paths that belong to the tool or to libraries the library must not bring.
   */
  private static final List<String> FORBIDDEN_PATHS =
      List.of(
          "org/jfrthreads/cli/",
          "org/jfrthreads/agent/",
          "org/jfrthreads/report/",
          "org/jfrthreads/demo/",
          "picocli/",
          "com/fasterxml/");

  private static final Path CLASSES = Path.of("target", "classes");
  private static List<Dependency> dependencies;

  record Dependency(String group, String artifact, Path file) {}

  @BeforeAll
  static void readDependencies() throws IOException {
    Path list = Path.of("target", "runtime-dependencies.txt");
    assertThat(list).as("written by the dependency plugin at generate-test-resources").exists();
    dependencies = new ArrayList<>();
    for (String line : Files.readAllLines(list)) {
      Matcher matcher = DEPENDENCY.matcher(line);
      if (matcher.matches()) {
        dependencies.add(
            new Dependency(matcher.group(1), matcher.group(2), Path.of(matcher.group(4).strip())));
      }
    }
    assertThat(dependencies)
        .as("the list names the analyzer and the Prometheus model")
        .extracting(Dependency::artifact)
        .contains("analyzer", "jfr-stream", "prometheus-metrics-core", "slf4j-api");
  }

  @Test
  void noToolPicocliJacksonOrLoggingBackendAmongTheDependencies() {
    assertThat(dependencies)
        .allSatisfy(
            dependency -> {
              assertThat(dependency.group())
                  .isNotIn("info.picocli")
                  .doesNotStartWith("com.fasterxml");
              assertThat(dependency.artifact()).isNotIn("cli", "slf4j-simple", "logback-classic");
            });
  }

  @Test
  void noToolOrUnrelocatedJacksonClassesInsideTheLibraryOrItsDependencies() throws IOException {
    List<String> found = new ArrayList<>(forbiddenEntries(CLASSES));
    for (Dependency dependency : dependencies) {
      found.addAll(forbiddenEntries(dependency.file()));
    }

    assertThat(found).isEmpty();
  }

  @Test
  void theAnalyzerJarCarriesJacksonRelocated() throws IOException {
    Path analyzer =
        dependencies.stream()
            .filter(dependency -> dependency.artifact().equals("analyzer"))
            .findFirst()
            .orElseThrow()
            .file();
    assumeTrue(
        analyzer.toString().endsWith(".jar"),
        "the analyzer was not packaged in this build (mvn test): its classes are not shaded yet");
    try (ZipFile jar = new ZipFile(analyzer.toFile())) {
      assertThat(jar.getEntry("org/jfrthreads/internal/shaded/jackson/core/JsonFactory.class"))
          .isNotNull();
    }
  }

  /** The entries of a jar or class directory under a forbidden path, as "file!entry". */
  private static List<String> forbiddenEntries(Path file) throws IOException {
    List<String> entries = new ArrayList<>();
    if (Files.isDirectory(file)) {
      try (Stream<Path> paths = Files.walk(file)) {
        paths
            .filter(Files::isRegularFile)
            .map(path -> file.relativize(path).toString().replace('\\', '/'))
            .forEach(entries::add);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    } else {
      try (ZipFile jar = new ZipFile(file.toFile())) {
        jar.stream().map(ZipEntry::getName).forEach(entries::add);
      }
    }
    return entries.stream()
        .filter(entry -> FORBIDDEN_PATHS.stream().anyMatch(entry::startsWith))
        .map(entry -> file.getFileName() + "!" + entry)
        .toList();
  }
}
