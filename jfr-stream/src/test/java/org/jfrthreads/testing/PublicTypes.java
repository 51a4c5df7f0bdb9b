package org.jfrthreads.testing;

import java.io.File;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The public types of a module, for the {@code PublicApiTest} of each: what a module's users can
 * call is a list that changes only on purpose. Shared through jfr-stream's test jar.
 */
public final class PublicTypes {

  /** What a {@code PublicApiTest} says when the list changed. */
  public static final String CHANGED =
      "public API changed: add the type here on purpose, or make it package-private, or move it to"
          + " an internal package";

  private PublicTypes() {}

  /**
   * The public types outside {@code internal} packages of the classes directory that holds {@code
   * anchor}, nested ones included, sorted by name.
   */
  public static List<String> of(Class<?> anchor) throws Exception {
    Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> names;
    try (Stream<Path> files = Files.walk(root)) {
      names =
          files
              .map(file -> root.relativize(file).toString())
              .filter(name -> name.endsWith(".class") && !name.endsWith("package-info.class"))
              .filter(name -> !name.startsWith("META-INF")) // a multi-release jar's variants
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
