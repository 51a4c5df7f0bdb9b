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
 * The command line has no Java API: nothing depends on this module. Its public types, listed below,
 * are the entry points the JVM needs ({@code Main}, {@code AgentLauncher}, {@code JfrThreadsAgent})
 * and the types one package of the tool calls in another. A type used only in its own package is
 * package-private; the list keeps that true.
 */
class PublicApiTest {

  @Test
  void publicTypesOutsideInternalPackagesAreTheApi() throws Exception {
    assertThat(publicTypes(Main.class))
        .as("public API changed: add the type here on purpose, or make it package-private")
        .containsExactly(
            "org.jfrthreads.agent.AgentLauncher",
            "org.jfrthreads.agent.AgentOptions",
            "org.jfrthreads.agent.JfrThreadsAgent",
            "org.jfrthreads.cli.AnalyzeCommand",
            "org.jfrthreads.cli.Main",
            "org.jfrthreads.demo.DemoCommand",
            "org.jfrthreads.demo.DemoWorkload",
            "org.jfrthreads.report.BadRecordingException",
            "org.jfrthreads.report.HtmlReport",
            "org.jfrthreads.report.JsonReport",
            "org.jfrthreads.report.RecordingAnalysis",
            "org.jfrthreads.report.RecordingAnalysis$Options",
            "org.jfrthreads.report.RecordingAnalysis$Progress",
            "org.jfrthreads.report.RecordingSpan",
            "org.jfrthreads.report.ReportModel",
            "org.jfrthreads.report.ReportModel$BlockedRow",
            "org.jfrthreads.report.ReportModel$BlockingSummary",
            "org.jfrthreads.report.ReportModel$LiveSite",
            "org.jfrthreads.report.ReportModel$PinnedRow",
            "org.jfrthreads.report.ReportModel$Recording",
            "org.jfrthreads.report.ReportModel$Settings",
            "org.jfrthreads.report.ReportModel$ThreadSummary",
            "org.jfrthreads.report.TextReport");
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
