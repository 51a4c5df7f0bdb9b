package org.jfrthreads.analyzed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.jfrthreads.cli.internal.report.ReportJson;
import org.jfrthreads.stream.ThreadEventSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} over a few hundred damaged copies of a real recording: each run ends, prints no
 * stack trace, and either refuses the file in one line (exit 1) or reads every event the whole file
 * holds.
 *
 * <p>A change inside an event's or a constant's value that keeps its length cannot be seen (the
 * format has no checksum): such a copy is read, with other figures, but never with fewer events.
 * One such value is an event's type id: changed into the id of another declared event type whose
 * fields take the same bytes (four variable-length integers, say) and whose references name
 * constants the chunk holds, the event is read as one of that type. A copy whose thread events
 * differ passes only if JFR's reader finds as many events in all as in the whole file: one changed
 * its type, none was lost.
 */
class AnalyzeDamagedRecordingTest {

  private static final int MUTATIONS = 240;
  private static final long SEED = 20261202L;
  private static final long TIMEOUT_SECONDS = 10;

  @TempDir static Path dir;
  private static byte[] whole;
  private static Object eventsRead;
  private static long wholeEventsInAll;
  private static Object wholeReport;
  private static final ExecutorService runner =
      Executors.newSingleThreadExecutor(
          task -> Thread.ofPlatform().daemon().name("damaged-analyze").unstarted(task));

  @BeforeAll
  static void recordKnownWork() throws Exception {
    Path file = dir.resolve("whole.jfr");
    CountDownLatch release = new CountDownLatch(1);
    Thread lingering;
    try (Recording recording = new Recording()) {
      recording.setSettings(ThreadEventSettings.defaults().toJfrSettings());
      recording.start();
      KnownWork.contendedMonitor();
      KnownWork.pinnedInClassInitializer();
      KnownWork.knownLifetimes();
      manyShortVirtualThreads();
      lingering = KnownWork.lingering(release);
      recording.stop();
      recording.dump(file);
    } finally {
      release.countDown();
    }
    lingering.join();
    whole = Files.readAllBytes(file);
    Analyze result = Analyze.run(file.toString(), "--format", "json");
    assertThat(result.exitCode()).as(result.err()).isZero();
    wholeReport = withoutFileName(ReportJson.parse(result.out()));
    eventsRead = ReportJson.at(wholeReport, "recording", "events_read");
    wholeEventsInAll = eventsInAll(file);
  }

  /** Events of every type, as JFR's own reader finds them; -1 if it fails. */
  private static long eventsInAll(Path file) {
    long count = 0;
    try (RecordingFile recording = new RecordingFile(file)) {
      for (; recording.hasMoreEvents(); recording.readEvent()) {
        count++;
      }
      return count;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  // Events, not metadata and constants, then make most of the file, as in a real recording.
  private static void manyShortVirtualThreads() throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      threads.add(Thread.ofVirtual().start(() -> {}));
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  @AfterAll
  static void stopRunner() {
    runner.shutdownNow();
  }

  @Test
  void everyDamagedCopyIsRefusedInOneLineOrReadWhole() throws Exception {
    Random random = new Random(SEED);
    Path damaged = dir.resolve("damaged.jfr");
    List<String> failures = new ArrayList<>();
    List<String> retyped = new ArrayList<>();
    int refused = 0;
    int read = 0;
    int readAlike = 0;
    PrintStream stderr = System.err;
    ByteArrayOutputStream strayErr = new ByteArrayOutputStream();
    System.setErr(new PrintStream(strayErr, true, StandardCharsets.UTF_8));
    try {
      for (int i = 0; i < MUTATIONS; i++) {
        Mutation mutation = Mutation.of(whole, random);
        Files.write(damaged, mutation.bytes());
        Future<Analyze> run =
            runner.submit(() -> Analyze.run(damaged.toString(), "--format", "json"));
        Analyze result;
        try {
          result = run.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          failures.add(mutation + ": still running after " + TIMEOUT_SECONDS + " s");
          break; // the runner is stuck; the rest would only time out behind it
        }
        String problem = problem(result);
        if (problem != null
            && problem.startsWith(OTHER_EVENTS)
            && eventsInAll(damaged) == wholeEventsInAll) {
          retyped.add(mutation + ": " + problem);
        } else if (problem != null) {
          failures.add(mutation + ": " + problem);
        } else if (result.exitCode() == 1) {
          refused++;
        } else {
          read++;
          readAlike += wholeReport.equals(withoutFileName(ReportJson.parse(result.out()))) ? 1 : 0;
        }
      }
    } finally {
      System.setErr(stderr);
    }

    System.out.printf(
        "%d damaged copies of %d bytes: %d refused, %d read with every event (%d of them with the"
            + " whole file's report), %d with an event's type changed%n",
        MUTATIONS, whole.length, refused, read, readAlike, retyped.size());
    retyped.forEach(System.out::println);
    assertThat(failures).as("damaged copies handled wrongly").isEmpty();
    assertThat(strayErr.toString(StandardCharsets.UTF_8))
        .as("printed to System.err")
        .doesNotContain("\tat ", "Exception in thread", "Caused by:");
  }

  @SuppressWarnings("unchecked")
  private static Object withoutFileName(Object report) {
    ((Map<String, Object>) ReportJson.at(report, "recording")).remove("file");
    return report;
  }

  private static final String OTHER_EVENTS = "read as if whole, but with other events: ";

  /** Why the result is wrong, or {@code null} if it is right. */
  private static String problem(Analyze result) {
    String all = result.out() + result.err();
    if (all.contains("\tat ") || all.contains("Caused by:")) {
      return "a stack trace: " + result.err();
    }
    switch (result.exitCode()) {
      case 1 -> {
        if (!result.out().isEmpty()
            || !result.err().startsWith("jfr-threads analyze: ")
            || result.err().lines().count() != 1) {
          return "exit 1 without one line of error: " + result.err();
        }
        return null;
      }
      case 0 -> {
        Object events = ReportJson.at(ReportJson.parse(result.out()), "recording", "events_read");
        return events.equals(eventsRead)
            ? null
            : OTHER_EVENTS + events + " instead of " + eventsRead;
      }
      default -> {
        return "exit " + result.exitCode() + ": " + result.err();
      }
    }
  }

  /** A damaged copy of a recording, and what was done to it. */
  private record Mutation(byte[] bytes, String description) {

    // Flips of one byte anywhere (most often: one bit, or several), cuts, and zeroed ranges.
    static Mutation of(byte[] whole, Random random) {
      int kind = random.nextInt(10);
      if (kind < 7) {
        byte[] bytes = whole.clone();
        int at = random.nextInt(bytes.length);
        int mask = random.nextBoolean() ? 1 << random.nextInt(8) : 1 + random.nextInt(255);
        bytes[at] ^= (byte) mask;
        return new Mutation(bytes, String.format("byte %d xor 0x%02x", at, mask));
      }
      if (kind < 8) {
        int length = 1 + random.nextInt(whole.length - 1);
        return new Mutation(Arrays.copyOf(whole, length), "cut after " + length + " bytes");
      }
      byte[] bytes = whole.clone();
      int at = random.nextInt(bytes.length);
      int end = Math.min(bytes.length, at + 1 + random.nextInt(64));
      Arrays.fill(bytes, at, end, (byte) 0);
      return new Mutation(bytes, "bytes " + at + " to " + end + " zeroed");
    }

    @Override
    public String toString() {
      return description;
    }
  }
}
