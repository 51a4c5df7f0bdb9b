package org.jfrthreads.analyzer;

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
    assertThat(publicTypes(ThreadEventAnalyzer.class))
        .as(
            "public API changed: add the type here on purpose, or make it package-private, or move"
                + " it to an internal package")
        .containsExactly(
            "org.jfrthreads.analyzer.AnalyzerConfig",
            "org.jfrthreads.analyzer.AnalyzerConfig$Builder",
            "org.jfrthreads.analyzer.AnalyzerStatistics",
            "org.jfrthreads.analyzer.BlockedSeries",
            "org.jfrthreads.analyzer.DurationHistogram",
            "org.jfrthreads.analyzer.DurationHistogram$BucketConsumer",
            "org.jfrthreads.analyzer.ExemplarStatistics",
            "org.jfrthreads.analyzer.LeakDetectorConfig",
            "org.jfrthreads.analyzer.LeakDetectorConfig$Builder",
            "org.jfrthreads.analyzer.LeakDetectorSnapshot",
            "org.jfrthreads.analyzer.LeakSeriesState",
            "org.jfrthreads.analyzer.PinnedSeries",
            "org.jfrthreads.analyzer.SiteLiveCount",
            "org.jfrthreads.analyzer.ThreadActivitySnapshot",
            "org.jfrthreads.analyzer.ThreadCounts",
            "org.jfrthreads.analyzer.ThreadEventAnalyzer",
            "org.jfrthreads.analyzer.ThreadKind",
            "org.jfrthreads.analyzer.TraceExemplar",
            "org.jfrthreads.analyzer.TracedBlocking",
            "org.jfrthreads.analyzer.VirtualLifecycle",
            "org.jfrthreads.analyzer.VirtualThreadEvidence",
            "org.jfrthreads.analyzer.sampler.SamplerStatistics",
            "org.jfrthreads.analyzer.sampler.StateCount",
            "org.jfrthreads.analyzer.sampler.ThreadStateSample",
            "org.jfrthreads.analyzer.sampler.ThreadStateSampler",
            "org.jfrthreads.analyzer.sampler.ThreadStateSampler$Builder",
            "org.jfrthreads.analyzer.sampler.VirtualSchedulerCounts",
            "org.jfrthreads.analyzer.sampler.VirtualThreadStates");
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
