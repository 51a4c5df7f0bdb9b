package org.jfrthreads.junit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The threads of a JSON thread dump ({@code HotSpotDiagnosticMXBean.dumpThreads}), the only JDK
 * view of virtual threads, which {@code Thread.getAllStackTraces} leaves out.
 *
 * <p>The format differs between JDKs: 21 gives each thread's {@code tid}, {@code name} and {@code
 * stack}; later JDKs add {@code state} and {@code "virtual": true}. Fields a JDK leaves out are
 * {@code ""} or {@code false} here. Costs a few milliseconds with tens of threads: the JVM writes a
 * file that is read back and deleted.
 */
final class ThreadDump {

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * One thread of a dump.
   *
   * @param id its {@code threadId()}
   * @param name its name, {@code ""} for most virtual threads
   * @param state its {@code Thread.State} name, {@code ""} if the JDK does not give it
   * @param markedVirtual whether the dump says it is virtual (JDK 21's dumps never do)
   * @param container the thread container it belongs to: {@code <root>}, or the executor or
   *     structured task scope that started it ({@code
   *     java.util.concurrent.ThreadPerTaskExecutor@56e8b606})
   * @param stack {@code StackTraceElement.toString()} of each frame, innermost first
   */
  record DumpedThread(
      long id,
      String name,
      String state,
      boolean markedVirtual,
      String container,
      List<String> stack) {

    DumpedThread {
      stack = List.copyOf(stack);
    }
  }

  private ThreadDump() {}

  /** Dumps this JVM's threads. */
  static List<DumpedThread> take() throws IOException {
    Path directory = Files.createTempDirectory("jfr-threads-leak-check");
    Path file = directory.resolve("threads.json");
    try {
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
          .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
      return parse(Files.readString(file));
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(directory);
    }
  }

  /** The threads of a JSON dump, in the order of the dump. */
  static List<DumpedThread> parse(String json) throws IOException {
    Object root;
    try (JsonParser parser = JSON.createParser(json)) {
      parser.nextToken();
      root = read(parser);
    }
    List<DumpedThread> threads = new ArrayList<>();
    for (Object container : list(member(member(root, "threadDump"), "threadContainers"))) {
      String containerName = string(member(container, "container"));
      for (Object thread : list(member(container, "threads"))) {
        long id = id(string(member(thread, "tid")));
        if (id < 0) {
          continue;
        }
        threads.add(
            new DumpedThread(
                id,
                string(member(thread, "name")),
                string(member(thread, "state")),
                Boolean.TRUE.equals(member(thread, "virtual")),
                containerName,
                list(member(thread, "stack")).stream().map(ThreadDump::string).toList()));
      }
    }
    return threads;
  }

  // A dump is a few kilobytes per thread: a tree of maps and lists is simpler than a streaming
  // walk, and numbers are kept as text since only ids are read, and those are strings.
  private static Object read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      throw new IOException("thread dump: unexpected end of JSON");
    }
    return switch (token) {
      case START_OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          object.put(name, read(parser));
        }
        yield object;
      }
      case START_ARRAY -> {
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(read(parser));
        }
        yield array;
      }
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> "";
      default -> parser.getText();
    };
  }

  private static long id(String tid) {
    try {
      return Long.parseLong(tid);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Object member(Object object, String name) {
    return object instanceof Map<?, ?> map ? map.get(name) : null;
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> items ? items : List.of();
  }

  private static String string(Object value) {
    return value instanceof String text ? text : "";
  }
}
