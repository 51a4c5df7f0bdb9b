package org.jfrthreads.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingFileSourceTest {

  @TempDir Path dir;

  @Test
  void aDirectoryIsRefusedWithWhatToGiveInstead() {
    assertThatThrownBy(() -> start(dir))
        .isInstanceOf(ThreadEventSourceException.class)
        .hasMessage(dir + " is a directory: give the path of one .jfr recording file.");
  }

  @Test
  void aFifoIsRefusedInsteadOfWaitedOnForEver() throws Exception {
    Path fifo = dir.resolve("recording.jfr");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();

    // Opening a FIFO for reading waits for a writer: without the check, this never returns.
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(() -> start(fifo))
                .isInstanceOf(ThreadEventSourceException.class)
                .hasMessage(
                    fifo
                        + " is not a regular file (a pipe, a device or a socket): give the path"
                        + " of a .jfr recording file; save a stream to a file first."));
  }

  @Test
  void aDeviceIsRefused() {
    Path zero = Path.of("/dev/zero");

    assertThatThrownBy(() -> start(zero))
        .isInstanceOf(ThreadEventSourceException.class)
        .hasMessageStartingWith("/dev/zero is not a regular file");
  }

  @Test
  void aMissingFileIsRefused() {
    Path missing = dir.resolve("missing.jfr");

    assertThatThrownBy(() -> start(missing))
        .isInstanceOf(ThreadEventSourceException.class)
        .hasMessage(missing + ": no such readable file: give the path of a .jfr recording.");
  }

  @Test
  void aFileThatIsNotARecordingIsRefusedWithHowToMakeOne() throws Exception {
    Path garbage = dir.resolve("garbage.jfr");
    byte[] bytes = new byte[4096];
    new Random(0).nextBytes(bytes);
    Files.write(garbage, bytes);

    assertThatThrownBy(() -> start(garbage))
        .isInstanceOf(ThreadEventSourceException.class)
        .hasMessage(
            garbage
                + " is not a JFR recording (no \"FLR\" header): record one with"
                + " -XX:StartFlightRecording or jcmd <pid> JFR.dump.");
  }

  @Test
  void aTruncatedRecordingIsRefusedRatherThanReadInPartWithoutAWord() throws Exception {
    byte[] bytes = Files.readAllBytes(record(dir.resolve("whole.jfr")));
    Path truncated = dir.resolve("truncated.jfr");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length * 2 / 3));

    assertThatThrownBy(() -> start(truncated))
        .isInstanceOf(ThreadEventSourceException.class)
        .hasMessage(
            truncated
                + " is truncated: it ends at byte "
                + bytes.length * 2 / 3
                + " inside a chunk that starts at byte 0 (a copy that did not finish, or a JVM"
                + " stopped while writing): record it again, or dump it with jcmd <pid> JFR.dump.");
  }

  @Test
  void anEmptyFileIsNotARecording() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.jfr"));

    assertThatThrownBy(() -> start(empty))
        .isInstanceOf(ThreadEventSourceException.class)
        .hasMessageStartingWith(empty + " is not a JFR recording");
  }

  @Test
  void aRecordingIsReadToTheEndAndCounted() throws Exception {
    Path file = record(dir.resolve("sleep.jfr"));
    List<ThreadEvent> events = new ArrayList<>();

    try (ThreadEventSource source = ThreadEventSources.recordingFile(file)) {
      source.start(events::add);
      assertThat(source.awaitTermination(Duration.ofSeconds(30))).isTrue();
      assertThat(source.statistics().eventsReceived()).containsKey("jdk.ThreadSleep");
      assertThat(source.statistics().deliveryLagNanos()).isEqualTo(-1);
    }
    assertThat(events)
        .filteredOn(ThreadBlocked.class::isInstance)
        .map(ThreadBlocked.class::cast)
        .anySatisfy(
            sleep -> {
              assertThat(sleep.kind()).isEqualTo(BlockingKind.SLEEP);
              assertThat(sleep.durationNanos()).isGreaterThanOrEqualTo(20_000_000L);
              assertThat(sleep.stack())
                  .extracting(StackFrame::toString)
                  .contains(RecordingFileSourceTest.class.getName() + ".sleepInAThread");
            });
  }

  private static Path record(Path file) throws Exception {
    try (Recording recording = new Recording()) {
      recording.setSettings(ThreadEventSettings.defaults().toJfrSettings());
      recording.start();
      Thread.ofPlatform().start(RecordingFileSourceTest::sleepInAThread).join();
      recording.stop();
      recording.dump(file);
    }
    return file;
  }

  private static void sleepInAThread() {
    try {
      Thread.sleep(25);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void start(Path file) {
    ThreadEventSources.recordingFile(file).start(event -> {});
  }
}
