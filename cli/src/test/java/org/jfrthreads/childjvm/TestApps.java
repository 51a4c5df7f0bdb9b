package org.jfrthreads.childjvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Applications for child JVMs, compiled from source by the tests for Java 17, so that the same
 * application runs on a JDK 17 and on the current one, against the libraries it is given.
 */
public final class TestApps {

  /**
   * A busy application that exits when its standard input closes. It prints {@code busy ready PID},
   * keeps two threads contending for a monitor of class {@code Busy$ChildLock} (blocked about 30 ms
   * at a time) and starts a short-lived thread every 100 ms.
   */
  public static final String BUSY =
      """
      public class Busy {
        static final class ChildLock {}

        public static void main(String[] args) throws Exception {
          ChildLock lock = new ChildLock();
          for (String name : new String[] {"child-holder", "child-contender"}) {
            Thread worker = new Thread(() -> {
              while (true) {
                synchronized (lock) { pause(30); }
                pause(1);
              }
            }, name);
            worker.setDaemon(true);
            worker.start();
          }
          Thread exit = new Thread(() -> {
            try { while (System.in.read() != -1) { } } catch (java.io.IOException e) { }
            System.exit(0);
          }, "child-exit");
          exit.setDaemon(true);
          exit.start();
          System.out.println("busy ready " + ProcessHandle.current().pid());
          while (true) {
            Thread shortLived = new Thread(() -> { }, "child-short");
            shortLived.start();
            shortLived.join();
            pause(100);
          }
        }

        static void pause(long millis) {
          try { Thread.sleep(millis); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
      }
      """;

  /** The start of the series of {@link #BUSY}'s monitor contention, seen through JFR. */
  public static final String BUSY_BLOCKED =
      "jvm_thread_blocked_seconds_count{class=\"Busy$ChildLock\",kind=\"monitor_enter\"";

  private TestApps() {}

  /**
   * Compiles one class {@code name} from {@code source} for Java 17 into {@code directory}, against
   * {@code classpath}; returns {@code directory}.
   */
  public static Path compile(Path directory, String name, String source, List<Path> classpath)
      throws IOException {
    Path file = directory.resolve(name + ".java");
    Files.createDirectories(directory);
    Files.writeString(file, source);
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    List<String> arguments =
        new ArrayList<>(List.of("--release", "17", "-d", directory.toString()));
    if (!classpath.isEmpty()) {
      arguments.add("-cp");
      arguments.add(classpath.stream().map(Path::toString).collect(Collectors.joining(":")));
    }
    arguments.add(file.toString());
    if (compiler.run(null, null, null, arguments.toArray(String[]::new)) != 0) {
      throw new IllegalStateException(
          "cannot compile " + name + " (see the compiler output above)");
    }
    return directory;
  }
}
