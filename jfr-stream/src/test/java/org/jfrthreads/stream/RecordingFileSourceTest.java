package org.jfrthreads.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import jdk.jfr.EventType;
import jdk.jfr.Recording;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
  void aChunkHeaderMarkedUnfinishedIsRefusedInsteadOfAwaitedForEver() throws Exception {
    byte[] bytes = Files.readAllBytes(record(dir.resolve("whole.jfr")));
    bytes[64] = (byte) 255; // the state JFR's writer sets while it updates the header
    Path damaged = Files.write(dir.resolve("unfinished.jfr"), bytes);

    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () ->
            assertThatThrownBy(() -> start(damaged))
                .isInstanceOf(ThreadEventSourceException.class)
                .hasMessage(
                    damaged
                        + " is corrupt: chunk 1 (at byte 0) has, at byte 64, a header state 255"
                        + " instead of 0 (finished): record it again, or read a copy that is known"
                        + " to be whole. A damaged recording is not read in part."));
  }

  @Test
  void anEventSizeThatLeadsIntoAnotherRecordIsRefusedRatherThanReadOnFromThere() throws Exception {
    byte[] bytes = Files.readAllBytes(record(dir.resolve("whole.jfr")));
    int[] event = firstEvent(bytes);
    assertThat(event[1] - event[0]).as("bytes of the size").isOne();
    assertThat(bytes[event[0]]).isNotEqualTo((byte) 0x7F);
    bytes[event[0]] = 0x7F; // 127 bytes: the next record would start inside another one
    Path damaged = Files.write(dir.resolve("long-event.jfr"), bytes);

    assertThatThrownBy(() -> start(damaged))
        .isInstanceOf(ThreadEventSourceException.class)
        .hasMessageStartingWith(damaged + " is corrupt: chunk 1 (at byte 0) has, at byte ")
        .hasMessageEndingWith(
            ": record it again, or read a copy that is known to be whole. A damaged recording is"
                + " not read in part.");
  }

  @Test
  void anEventOfAnUnknownTypeIsRefusedRatherThanSkipped() throws Exception {
    Path whole = record(dir.resolve("whole.jfr"));
    byte[] bytes = Files.readAllBytes(whole);
    Set<Long> eventTypes = new HashSet<>();
    try (RecordingFile file = new RecordingFile(whole)) {
      file.readEventTypes().forEach(type -> eventTypes.add(type.getId()));
    }
    long unknown = 2;
    while (eventTypes.contains(unknown)) {
      unknown++;
    }
    int[] event = firstEvent(bytes);
    assertThat(unknown).isLessThan(128); // one byte, as the type it replaces
    bytes[event[1]] = (byte) unknown;
    Path damaged = Files.write(dir.resolve("unknown-type.jfr"), bytes);

    assertThatThrownBy(() -> start(damaged))
        .isInstanceOf(ThreadEventSourceException.class)
        .hasMessageStartingWith(
            damaged
                + " is corrupt: chunk 1 (at byte 0) has, at byte "
                + event[0]
                + ", a record of unknown type "
                + unknown
                + ": record it again");
  }

  @ParameterizedTest
  @CsvSource({
    "0, a record of type 0 (metadata) that holds no metadata",
    "1, a constant pool (record type 1) outside the chain of constant pools"
  })
  void anEventWhoseTypeBecameMetadataOrAConstantPoolIsRefusedRatherThanSkipped(
      byte recordType, String problem) throws Exception {
    Path whole = record(dir.resolve("whole.jfr"));
    byte[] bytes = Files.readAllBytes(whole);
    int[] event = firstEvent(bytes);
    bytes[event[1]] = recordType; // a one-byte type id; the next byte is read as content
    Path damaged = Files.write(dir.resolve("type-" + recordType + ".jfr"), bytes);
    assertThat(eventCount(damaged))
        .as("JFR's reader skips the event without a word")
        .isEqualTo(eventCount(whole) - 1);

    assertThatThrownBy(() -> start(damaged))
        .isInstanceOf(ThreadEventSourceException.class)
        .hasMessageStartingWith(
            damaged + " is corrupt: chunk 1 (at byte 0) has, at byte " + event[0] + ", " + problem);
  }

  @Test
  void aTypeWhoseIdBecameThatOfMetadataIsRefusedRatherThanReadFromTheMetadata() throws Exception {
    Path whole = record(dir.resolve("whole.jfr"));
    byte[] bytes = Files.readAllBytes(whole);
    Set<Long> recorded = new HashSet<>();
    List<Long> declared = new ArrayList<>();
    try (RecordingFile file = new RecordingFile(whole)) {
      file.readEventTypes().forEach(type -> declared.add(type.getId()));
      while (file.hasMoreEvents()) {
        recorded.add(file.readEvent().getEventType().getId());
      }
    }
    // The id of a type with no events, written once in the metadata's string table: "-0" instead
    // reads as id 0, that of the metadata record, which JFR's reader would then read as an event.
    int at = -1;
    for (long id : declared) {
      int found = id >= 10 && id <= 99 && !recorded.contains(id) ? onlyString(bytes, "" + id) : -1;
      if (found >= 0) {
        at = found;
        break;
      }
    }
    assertThat(at).as("a declared two-digit id, written once").isNotNegative();
    bytes[at] = '-';
    bytes[at + 1] = '0';
    Path damaged = Files.write(dir.resolve("type-id-0.jfr"), bytes);

    assertThatThrownBy(() -> start(damaged))
        .isInstanceOf(ThreadEventSourceException.class)
        .hasMessageStartingWith(damaged + " is corrupt: chunk 1 (at byte 0) has, at byte ")
        .hasMessageContaining(
            ", a metadata type with id 0, which is reserved for metadata and constant pools:");
  }

  @Test
  void aReferenceToAMissingConstantIsRefusedRatherThanReadAsNothing() throws Exception {
    Path whole = record(dir.resolve("whole.jfr"));
    byte[] bytes = Files.readAllBytes(whole);
    long sleepType = -1;
    int fieldsBefore = -1;
    try (RecordingFile file = new RecordingFile(whole)) {
      for (EventType type : file.readEventTypes()) {
        if (type.getName().equals("jdk.ThreadSleep")) {
          sleepType = type.getId();
          List<String> names = type.getFields().stream().map(ValueDescriptor::getName).toList();
          fieldsBefore = names.indexOf("stackTrace");
          // startTime, duration, eventThread: each one variable-length integer
          assertThat(names.subList(0, fieldsBefore))
              .containsExactly("startTime", "duration", "eventThread");
        }
      }
    }
    int[] position = {firstEvent(bytes, sleepType)[1]};
    varLong(bytes, position); // the type id
    for (int i = 0; i < fieldsBefore; i++) {
      varLong(bytes, position);
    }
    int keyAt = position[0];
    long key = varLong(bytes, position);
    // The largest key of the same length: the record keeps its size, the key names no constant.
    for (int i = keyAt; i < position[0] - 1; i++) {
      bytes[i] = (byte) 0xFF;
    }
    bytes[position[0] - 1] = 0x7F;
    long missing = varLong(bytes, new int[] {keyAt});
    assertThat(missing).isNotEqualTo(key);
    Path damaged = Files.write(dir.resolve("missing-stack.jfr"), bytes);
    try (RecordingFile file = new RecordingFile(damaged)) {
      RecordedEvent sleep = file.readEvent();
      while (!sleep.getEventType().getName().equals("jdk.ThreadSleep")) {
        sleep = file.readEvent();
      }
      assertThat(sleep.getStackTrace())
          .as("JFR's reader reads the first sleep without its stack, without a word")
          .isNull();
    }

    assertThatThrownBy(() -> start(damaged))
        .isInstanceOf(ThreadEventSourceException.class)
        .hasMessageStartingWith(
            damaged
                + " is corrupt: chunk 1 (at byte 0) has, at byte "
                + keyAt
                + ", a reference to constant "
                + missing
                + " of type jdk.types.StackTrace, which the chunk does not hold: record it again");
  }

  /** Where the characters of {@code text} start, if it is written once as a JFR string. */
  private static int onlyString(byte[] bytes, String text) {
    int found = -1;
    for (int i = 0; i + 2 + text.length() <= bytes.length; i++) {
      boolean match =
          (bytes[i] == 3 || bytes[i] == 4 || bytes[i] == 5) && bytes[i + 1] == text.length();
      for (int j = 0; match && j < text.length(); j++) {
        match = bytes[i + 2 + j] == text.charAt(j);
      }
      if (match) {
        if (found >= 0) {
          return -1;
        }
        found = i + 2;
      }
    }
    return found;
  }

  private static long eventCount(Path file) throws Exception {
    long count = 0;
    try (RecordingFile recording = new RecordingFile(file)) {
      for (; recording.hasMoreEvents(); recording.readEvent()) {
        count++;
      }
    }
    return count;
  }

  /**
   * Where the first event record of the first chunk starts (after the header and the pools), and
   * where its type id does.
   */
  private static int[] firstEvent(byte[] bytes) {
    return firstEvent(bytes, -1);
  }

  /** The same for the first event of {@code eventType}; -1 stands for any. */
  private static int[] firstEvent(byte[] bytes, long eventType) {
    int[] position = {68};
    while (true) {
      int start = position[0];
      long size = varLong(bytes, position);
      int typeAt = position[0];
      long type = varLong(bytes, position);
      if (type > 1 && (eventType == -1 || type == eventType)) {
        return new int[] {start, typeAt};
      }
      position[0] = start + (int) size;
    }
  }

  private static long varLong(byte[] bytes, int[] position) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = bytes[position[0]++];
      value |= (b & 0x7FL) << shift;
      if (b >= 0 || shift == 56) {
        return value;
      }
    }
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
