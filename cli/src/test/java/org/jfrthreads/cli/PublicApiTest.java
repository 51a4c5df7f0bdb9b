package org.jfrthreads.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command line has no Java API: nothing depends on this module. Its public types outside {@code
 * org.jfrthreads.cli.internal}, listed below, are only the entry points: {@code Main} and {@code
 * AnalyzeCommand} (each has a {@code main}), {@code AgentLauncher} (named by the manifest) and
 * {@code JfrThreadsAgent} (loaded by name by the launcher). A type that one package of the tool
 * calls in another lives under {@code internal}; a type used only in its own package is
 * package-private; the list keeps that true.
 */
class PublicApiTest {

  @Test
  void publicTypesOutsideInternalPackagesAreTheApi() throws Exception {
    assertThat(publicTypes(Main.class))
        .as("public API changed: add the type here on purpose, or make it package-private")
        .containsExactly(
            "org.jfrthreads.agent.AgentLauncher",
            "org.jfrthreads.agent.JfrThreadsAgent",
            "org.jfrthreads.cli.AnalyzeCommand",
            "org.jfrthreads.cli.Main");
  }

  /** The public types of the classes directory that holds {@code anchor}, sorted by name. */
  private static List<String> publicTypes(Class<?> anchor) throws Exception {
    Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names;
    try (Stream<Path> files = Files.walk(root)) {
      names =
          files
              .map(file -> root.relativize(file).toString())
              .filter(name -> name.endsWith(".class") && !name.endsWith("package-info.class"))
              .map(name -> name.substring(0, name.length() - 6).replace(File.separatorChar, '.'))
              .filter(name -> !name.contains(".internal."))
              .sorted()
              .toList();
    }
    List<String> api = new ArrayList<>();
    for (String name : names) {
      if (isPublic(Class.forName(name, false, anchor.getClassLoader()))) {
        api.add(name);
      }
    }
    return api;
  }

  /** Public, and so is every class it is nested in. */
  private static boolean isPublic(Class<?> type) {
    if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
      return false;
    }
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      if (!Modifier.isPublic(t.getModifiers())) {
        return false;
      }
    }
    return true;
  }
}
