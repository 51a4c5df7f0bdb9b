package org.jfrthreads.stream;

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
 * The module's API is the list below: its public types outside {@code internal} packages, nested
 * ones included. A type that is public only for another package or module of jfr-threads belongs in
 * an {@code internal} package; a type used only in its own package is package-private.
 */
class PublicApiTest {

  @Test
  void publicTypesOutsideInternalPackagesAreTheApi() throws Exception {
    assertThat(publicTypes(ThreadEventSources.class))
        .as(
            "public API changed: add the type here on purpose, or make it package-private, or move"
                + " it to an internal package")
        .containsExactly(
            "org.jfrthreads.stream.BlockingKind",
            "org.jfrthreads.stream.SourceStatistics",
            "org.jfrthreads.stream.StackFrame",
            "org.jfrthreads.stream.ThreadBlocked",
            "org.jfrthreads.stream.ThreadEnded",
            "org.jfrthreads.stream.ThreadEvent",
            "org.jfrthreads.stream.ThreadEventListener",
            "org.jfrthreads.stream.ThreadEventSettings",
            "org.jfrthreads.stream.ThreadEventSettings$Builder",
            "org.jfrthreads.stream.ThreadEventSource",
            "org.jfrthreads.stream.ThreadEventSourceException",
            "org.jfrthreads.stream.ThreadEventSources",
            "org.jfrthreads.stream.ThreadPinned",
            "org.jfrthreads.stream.ThreadStarted",
            "org.jfrthreads.stream.TraceScope");
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
