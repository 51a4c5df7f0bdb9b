package org.jfrthreads.analyzer.sampler;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jfrthreads.analyzer.ApplicationFrames;

/**
 * Counts virtual threads by state and top application frame from a JSON thread dump ({@code
 * HotSpotDiagnosticMXBean.dumpThreads}), the only JDK view of every virtual thread's stack.
 *
 * <p>Costly: the JVM writes the JSON to a temporary file, which is read back whole, parsed and
 * deleted; time and memory grow with the number of threads (see {@link
 * ThreadStateSampler.Builder#virtualThreadDump} for figures). The sampler takes one only when
 * enabled, within a cap on live virtual threads, under a cost guard of its own.
 *
 * <p>Not thread-safe: used by the sampler thread only.
 */
final class VirtualThreadDump {

  private final HotSpotDiagnosticMXBean diagnostics;
  private final ApplicationFrames applicationFrames;
  private final int topN;

  VirtualThreadDump(HotSpotDiagnosticMXBean diagnostics, List<String> libraryPrefixes, int topN) {
    this.diagnostics = diagnostics;
    this.applicationFrames = new ApplicationFrames(libraryPrefixes);
    this.topN = topN;
  }

  static VirtualThreadDump ofPlatform(List<String> libraryPrefixes, int topN) {
    return new VirtualThreadDump(
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class), libraryPrefixes, topN);
  }

  /** Dumps all threads as JSON and counts the virtual ones. */
  Counts take() throws IOException {
    Path directory = Files.createTempDirectory("jfr-threads-dump");
    Path file = directory.resolve("threads.json");
    try {
      diagnostics.dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
      return count(Files.readString(file));
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(directory);
    }
  }

  /** Counts the virtual threads of a JSON thread dump. */
  Counts count(String json) {
    Map<Thread.State, Long> byState = new EnumMap<>(Thread.State.class);
    long withoutState = 0;
    LabelStateCounts frames = new LabelStateCounts();
    Object dump = member(MiniJson.parse(json), "threadDump");
    for (Object container : list(member(dump, "threadContainers"))) {
      for (Object thread : list(member(container, "threads"))) {
        if (!Boolean.TRUE.equals(member(thread, "virtual"))) {
          continue;
        }
        Thread.State state = state(member(thread, "state"));
        if (state == null) {
          withoutState++;
          continue;
        }
        byState.merge(state, 1L, Long::sum);
        frames.add(topApplicationFrame(list(member(thread, "stack"))), state);
      }
    }
    return new Counts(byState, frames.topN(topN), withoutState);
  }

  /**
   * The counts of one dump.
   *
   * @param withoutState virtual threads whose state the dump did not give (not counted elsewhere)
   */
  record Counts(Map<Thread.State, Long> byState, List<StateCount> topFrames, long withoutState) {}

  private String topApplicationFrame(List<Object> stack) {
    for (Object element : stack) {
      String frame = frameLabel(String.valueOf(element));
      int dot = frame.lastIndexOf('.');
      String className = dot < 0 ? frame : frame.substring(0, dot);
      if (applicationFrames.isApplication(className)) {
        return ApplicationFrames.label(className, frame.substring(dot + 1));
      }
    }
    return ThreadInfoSummary.UNKNOWN;
  }

  /**
   * {@code Class.method} of a {@code StackTraceElement.toString()}: drops the class loader and
   * module ({@code java.base/}, {@code app//}) and the source position.
   */
  static String frameLabel(String element) {
    int paren = element.indexOf('(');
    String frame = paren < 0 ? element : element.substring(0, paren);
    return frame.substring(frame.lastIndexOf('/') + 1);
  }

  /** The thread's state, {@code null} if the dump has none (JDKs whose dumps lack it). */
  private static Thread.State state(Object value) {
    if (!(value instanceof String name)) {
      return null;
    }
    try {
      return Thread.State.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Object member(Object object, String name) {
    return object instanceof Map<?, ?> map ? map.get(name) : null;
  }

  private static List<Object> list(Object value) {
    if (value instanceof List<?> items) {
      @SuppressWarnings("unchecked")
      List<Object> objects = (List<Object>) items;
      return objects;
    }
    return List.of();
  }
}
