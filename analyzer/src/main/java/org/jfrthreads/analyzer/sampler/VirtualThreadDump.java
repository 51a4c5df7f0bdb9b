package org.jfrthreads.analyzer.sampler;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfrthreads.analyzer.internal.ApplicationFrames;

/**
 * Counts virtual threads by state and top application frame from a JSON thread dump ({@code
 * HotSpotDiagnosticMXBean.dumpThreads}), the only JDK view of every virtual thread's stack.
 *
 * <p>Costly: the JVM writes the JSON to a temporary file, which is parsed as it is read (streaming:
 * never more than one thread's state and top frame in memory) and deleted; time and memory grow
 * with the number of threads (see {@link ThreadStateSampler.Builder#virtualThreadDump} for
 * figures). The sampler takes one only when enabled, within a cap on live virtual threads, under a
 * cost guard of its own.
 *
 * <p>Not thread-safe: used by the sampler thread only.
 */
final class VirtualThreadDump {

  private final HotSpotDiagnosticMXBean diagnostics;
  private final ApplicationFrames applicationFrames;
  private static final JsonFactory JSON = new JsonFactory();

  private final int topN;

  /**
   * The group of {@link #take(String)} that stands for every virtual thread: the leak detector's
   * site of a kind's total series.
   */
  static final String ALL = "all";

  VirtualThreadDump(HotSpotDiagnosticMXBean diagnostics, List<String> libraryPrefixes, int topN) {
    this.diagnostics = diagnostics;
    this.applicationFrames = new ApplicationFrames(libraryPrefixes);
    this.topN = topN;
  }

  static VirtualThreadDump ofPlatform(List<String> libraryPrefixes, int topN) {
    return new VirtualThreadDump(
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class), libraryPrefixes, topN);
  }

  /** Dumps all threads as JSON and counts the virtual ones, reading the file as it is parsed. */
  Counts take() throws IOException {
    return take(null);
  }

  /**
   * Like {@link #take()}, and also counts the top application frames of the virtual threads of one
   * group in {@link Counts#suspectedFrames()}.
   *
   * @param suspected a group of {@link Counts#byGroup()}, a container, {@link #ALL} for every
   *     virtual thread, or {@code null} for none
   */
  Counts take(String suspected) throws IOException {
    Path directory = Files.createTempDirectory("jfr-threads-dump");
    Path file = directory.resolve("threads.json");
    try {
      diagnostics.dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
      try (JsonParser parser = JSON.createParser(file.toFile())) {
        return count(parser, suspected);
      }
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(directory);
    }
  }

  /** Counts the virtual threads of a JSON thread dump. */
  Counts count(String json) throws IOException {
    return count(json, null);
  }

  /** Counts the virtual threads of a JSON thread dump, and the frames of a suspected group. */
  Counts count(String json, String suspected) throws IOException {
    try (JsonParser parser = JSON.createParser(json)) {
      return count(parser, suspected);
    }
  }

  // Streams through the dump: only the current thread's state, container and top application frame
  // are held, never the dump or a thread's whole stack.
  private Counts count(JsonParser parser, String suspected) throws IOException {
    Tally tally = new Tally(suspected);
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw malformed(parser, "an object");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (name.equals("threadDump") && parser.currentToken() == JsonToken.START_OBJECT) {
        dump(parser, tally);
      } else {
        parser.skipChildren();
      }
    }
    return new Counts(
        tally.byState,
        tally.frames.topN(topN),
        tally.withoutState,
        Map.copyOf(tally.byContainer),
        largest(tally.byGroup, topN),
        Map.copyOf(tally.suspectedFrames));
  }

  private static Map<String, Long> largest(Map<String, Long> counts, int n) {
    Map<String, Long> kept = new HashMap<>();
    counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .forEach(entry -> kept.put(entry.getKey(), entry.getValue()));
    return Map.copyOf(kept);
  }

  private void dump(JsonParser parser, Tally tally) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (name.equals("threadContainers") && parser.currentToken() == JsonToken.START_ARRAY) {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          container(parser, tally);
        }
      } else {
        parser.skipChildren();
      }
    }
  }

  private void container(JsonParser parser, Tally tally) throws IOException {
    String container = ThreadInfoSummary.UNKNOWN;
    List<VirtualThread> threads = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("container") && value == JsonToken.VALUE_STRING) {
        container = containerLabel(parser.getText());
      } else if (name.equals("threads") && value == JsonToken.START_ARRAY) {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          VirtualThread thread = thread(parser);
          if (thread != null) {
            threads.add(thread);
          }
        }
      } else {
        parser.skipChildren();
      }
    }
    // The container's name may follow its threads; only virtual threads are kept till then.
    for (VirtualThread thread : threads) {
      tally.add(thread, container);
    }
  }

  /** The next thread object, or {@code null} if it is not a virtual thread. */
  private VirtualThread thread(JsonParser parser) throws IOException {
    boolean virtual = false;
    Thread.State state = null;
    String frame = ThreadInfoSummary.UNKNOWN;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "virtual" -> virtual = value == JsonToken.VALUE_TRUE;
        case "state" -> state = value == JsonToken.VALUE_STRING ? state(parser.getText()) : null;
        case "stack" -> frame = topApplicationFrame(parser);
        default -> parser.skipChildren();
      }
    }
    return virtual ? new VirtualThread(state, frame) : null;
  }

  private record VirtualThread(Thread.State state, String frame) {}

  /** Counts of one dump as they are read. */
  private static final class Tally {
    final Map<Thread.State, Long> byState = new EnumMap<>(Thread.State.class);
    final LabelStateCounts frames = new LabelStateCounts();
    final Map<String, Long> byContainer = new HashMap<>();
    final Map<String, Long> byGroup = new HashMap<>();
    final Map<String, Long> suspectedFrames = new HashMap<>();
    final String suspected; // null: none
    long withoutState;

    Tally(String suspected) {
      this.suspected = suspected;
    }

    void add(VirtualThread thread, String container) {
      byContainer.merge(container, 1L, Long::sum);
      String group = group(thread.frame(), container);
      byGroup.merge(group, 1L, Long::sum);
      if (suspected != null
          && (suspected.equals(ALL) || suspected.equals(group) || suspected.equals(container))) {
        suspectedFrames.merge(thread.frame(), 1L, Long::sum);
      }
      if (thread.state() == null) {
        withoutState++;
        return;
      }
      byState.merge(thread.state(), 1L, Long::sum);
      frames.add(thread.frame(), thread.state());
    }
  }

  /**
   * The group of a virtual thread: its top application frame, which names the code that holds it,
   * or, when its stack has none, its container.
   */
  static String group(String topFrame, String container) {
    return topFrame.equals(ThreadInfoSummary.UNKNOWN) ? container : topFrame;
  }

  /**
   * The counts of one dump.
   *
   * @param withoutState virtual threads whose state the dump did not give (not counted elsewhere)
   * @param byContainer virtual threads by thread container (the executor or scope that owns them),
   *     the identity hash of the container's name dropped
   * @param byGroup virtual threads by {@link #group group} (top application frame, else container),
   *     the {@code topN} largest only
   * @param suspectedFrames the virtual threads of the group asked for, by top application frame;
   *     empty if none was asked
   */
  record Counts(
      Map<Thread.State, Long> byState,
      List<StateCount> topFrames,
      long withoutState,
      Map<String, Long> byContainer,
      Map<String, Long> byGroup,
      Map<String, Long> suspectedFrames) {}

  // Reads a stack array up to its end, keeping only the first application frame.
  private String topApplicationFrame(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return ThreadInfoSummary.UNKNOWN;
    }
    String found = null;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (found != null || parser.currentToken() != JsonToken.VALUE_STRING) {
        parser.skipChildren();
        continue;
      }
      String frame = frameLabel(parser.getText());
      int dot = frame.lastIndexOf('.');
      String className = dot < 0 ? frame : frame.substring(0, dot);
      if (applicationFrames.isApplication(className)) {
        found = ApplicationFrames.label(className, frame.substring(dot + 1));
      }
    }
    return found == null ? ThreadInfoSummary.UNKNOWN : found;
  }

  /**
   * A container's name without the identity hash that changes at every run: {@code
   * java.util.concurrent.ThreadPerTaskExecutor@5a07e868} becomes {@code
   * java.util.concurrent.ThreadPerTaskExecutor}.
   */
  static String containerLabel(String container) {
    int at = container.lastIndexOf('@');
    return at > 0 ? container.substring(0, at) : container;
  }

  private static IOException malformed(JsonParser parser, String expected) {
    return new JsonParseException(
        parser,
        parser.currentToken() + ": malformed thread dump JSON. Expecting " + expected + ".");
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
  private static Thread.State state(String name) {
    try {
      return Thread.State.valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
