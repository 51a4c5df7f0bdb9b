package org.jfrthreads.cli.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingSpanTest {

  @TempDir static Path dir;
  private static Path file;
  private static long beforeNanos;
  private static long afterNanos;

  @BeforeAll
  static void record() throws Exception {
    file = dir.resolve("span.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ThreadSleep");
      beforeNanos = epochNanos(Instant.now());
      recording.start();
      Thread.sleep(20);
      recording.stop();
      afterNanos = epochNanos(Instant.now());
      recording.dump(file);
    }
  }

  @Test
  void theSpanOfARecordingLiesWithinTheTimeItWasRecording() throws Exception {
    RecordingSpan span = RecordingSpan.read(file);

    assertThat(span.chunks()).isEqualTo(1);
    assertThat(span.timeOrdered()).isTrue();
    assertThat(span.startEpochNanos()).isBetween(beforeNanos, afterNanos);
    assertThat(span.endEpochNanos()).isBetween(span.startEpochNanos(), afterNanos);
  }

  @Test
  void aFileOfTwoCopiesHasTwoChunksOverTheSameSpanNotInTimeOrder() throws Exception {
    Path twice = dir.resolve("twice.jfr");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(twice, bytes);
    Files.write(twice, bytes, java.nio.file.StandardOpenOption.APPEND);

    RecordingSpan once = RecordingSpan.read(file);
    RecordingSpan span = RecordingSpan.read(twice);

    assertThat(span)
        .isEqualTo(new RecordingSpan(once.startEpochNanos(), once.endEpochNanos(), 2, false));
  }

  @Test
  void aFileThatIsNotARecordingHasNoSpan() throws Exception {
    Path text =
        Files.writeString(
            dir.resolve("text.jfr"), "not a recording, but long enough to hold a chunk header");

    assertThat(RecordingSpan.read(text)).isNull();
  }

  private static long epochNanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
