package org.jfrthreads.childjvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM started by a test, its output collected line by line. {@link #close()} closes its standard
 * input (the test applications exit on that), then ends it if it has not; use it in
 * try-with-resources so that nothing outlives the test.
 */
public final class ChildJvm implements AutoCloseable {

  /** The JDK running the tests (21+). */
  public static final Path CURRENT_JDK = Path.of(System.getProperty("java.home"));

  /** A JDK 17 if this machine has one, else {@code null}. */
  public static final Path JDK_17 = jdk17();

  /** The shaded command-line jar, which is also the agent jar. */
  public static final Path AGENT_JAR =
      Path.of(System.getProperty("jfrthreads.jar", "target/jfr-threads-all.jar"));

  private final Process process;
  private final List<String> stdout = new ArrayList<>(); // guarded by this
  private final List<String> stderr = new ArrayList<>(); // guarded by this
  private final List<Thread> readers = new ArrayList<>();

  private ChildJvm(Process process) {
    this.process = process;
    readers.add(reader(process.getInputStream(), stdout));
    readers.add(reader(process.getErrorStream(), stderr));
  }

  /** Starts {@code java} of {@code jdk} with these arguments. */
  public static ChildJvm start(Path jdk, List<String> arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(jdk.resolve("bin/java").toString());
    command.addAll(arguments);
    return new ChildJvm(new ProcessBuilder(command).start());
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Waits until a line of standard output or error matches {@code regex} and returns its first
   * group (or the whole line); fails the test with all output when the JVM ends or the timeout
   * passes first.
   */
  public String await(String regex, Duration timeout) throws InterruptedException {
    Pattern pattern = Pattern.compile(regex);
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (true) {
        for (List<String> lines : List.of(stdout, stderr)) {
          for (String line : lines) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
              return matcher.groupCount() > 0 ? matcher.group(1) : line;
            }
          }
        }
        long left = deadline - System.nanoTime();
        boolean readersDone = readers.stream().noneMatch(Thread::isAlive);
        if (left <= 0 || readersDone) {
          throw new AssertionError(
              "no line matching " + regex + " within " + timeout + "; output:\n" + output());
        }
        TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
      }
    }
  }

  /**
   * Closes standard input and waits for the exit; returns the exit code, or -1 if it had to be
   * killed.
   */
  public int stop(Duration timeout) throws InterruptedException, IOException {
    process.getOutputStream().close();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      return -1;
    }
    for (Thread reader : readers) {
      reader.join(timeout.toMillis());
    }
    return process.exitValue();
  }

  /** Waits for an exit on its own; -1 if it had to be killed. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      return -1;
    }
    for (Thread reader : readers) {
      reader.join(timeout.toMillis());
    }
    return process.exitValue();
  }

  /** Ends it at once, as a crash or {@code kill -9} would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public synchronized List<String> stdout() {
    return List.copyOf(stdout);
  }

  public synchronized List<String> stderr() {
    return List.copyOf(stderr);
  }

  public synchronized String output() {
    return "stdout:\n" + String.join("\n", stdout) + "\nstderr:\n" + String.join("\n", stderr);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        // already closed
      }
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  private Thread reader(InputStream stream, List<String> lines) {
    Thread thread =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try (BufferedReader reader =
                      new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line; (line = reader.readLine()) != null; ) {
                      synchronized (this) {
                        lines.add(line);
                        notifyAll();
                      }
                    }
                  } catch (IOException e) {
                    // the process ended
                  }
                  synchronized (this) {
                    notifyAll();
                  }
                });
    return thread;
  }

  private static Path jdk17() {
    Path jdk = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    return Files.isExecutable(jdk.resolve("bin/java")) ? jdk : null;
  }
}
