package org.jfrthreads.benchmarks.damage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordingFile;
import org.jfrthreads.stream.ThreadEventSource;
import org.jfrthreads.stream.ThreadEventSourceException;
import org.jfrthreads.stream.ThreadEventSources;

/**
 * Damages copies of a real recording, one byte each, and counts how many the structure check
 * refuses ({@code ThreadEventSources.recordingFile} throws), and of the others, how many JFR's own
 * reader fails on (which {@code analyze} reports, exit code 1), reads with other events by type (an
 * event re-typed or lost without a word), or reads with the same (a changed value).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.jfrthreads.benchmarks.damage.DamageCampaign \
 *     FILE COPIES SEED type-ids|anywhere bit|byte
 * </pre>
 *
 * <p>{@code type-ids} changes the type id of a record (not metadata nor constants), {@code
 * anywhere} any byte of the file; {@code bit} flips one bit, {@code byte} xors 1 to 255. Prints
 * each copy read with other events, then the counts.
 */
public final class DamageCampaign {

  private DamageCampaign() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: DamageCampaign FILE COPIES SEED type-ids|anywhere bit|byte");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    int copies = Integer.parseInt(args[1]);
    Random random = new Random(Long.parseLong(args[2]));
    boolean typeIds = args[3].equals("type-ids");
    boolean oneBit = args[4].equals("bit");
    byte[] whole = Files.readAllBytes(file);
    List<Integer> typeIdPositions = typeIdPositions(whole);
    Map<String, Integer> wholeEvents = eventsByType(file);
    Path damaged = Files.createTempFile("damaged", ".jfr");
    int refused = 0;
    int readerFailed = 0;
    int otherEvents = 0;
    int sameEvents = 0;
    try {
      for (int i = 0; i < copies; i++) {
        byte[] bytes = whole.clone();
        int at =
            typeIds
                ? typeIdPositions.get(random.nextInt(typeIdPositions.size()))
                : random.nextInt(bytes.length);
        int mask = oneBit ? 1 << random.nextInt(8) : 1 + random.nextInt(255);
        bytes[at] ^= (byte) mask;
        Files.write(damaged, bytes);
        if (refused(damaged)) {
          refused++;
          continue;
        }
        Map<String, Integer> events = eventsByType(damaged);
        if (events == null) {
          readerFailed++;
        } else if (events.equals(wholeEvents)) {
          sameEvents++;
        } else {
          otherEvents++;
          System.out.printf("byte %d xor 0x%02x: %s%n", at, mask, difference(wholeEvents, events));
        }
      }
    } finally {
      Files.deleteIfExists(damaged);
    }
    System.out.printf(
        "%s, %d copies (%s, %s): %d refused, %d failed in JFR's reader, %d read with other events"
            + " by type, %d with the same%n",
        file, copies, args[3], args[4], refused, readerFailed, otherEvents, sameEvents);
  }

  private static boolean refused(Path file) {
    try (ThreadEventSource source = ThreadEventSources.recordingFile(file)) {
      source.start(event -> {});
      return false;
    } catch (ThreadEventSourceException refused) {
      return true;
    }
  }

  /** Events by type name as JFR's reader finds them, or {@code null} if it fails. */
  private static Map<String, Integer> eventsByType(Path file) {
    Map<String, Integer> events = new TreeMap<>();
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        events.merge(recording.readEvent().getEventType().getName(), 1, Integer::sum);
      }
      return events;
    } catch (IOException | RuntimeException | InternalError failure) {
      return null; // damaged metadata JFR cannot make sense of
    }
  }

  private static Map<String, Integer> difference(
      Map<String, Integer> whole, Map<String, Integer> damaged) {
    Map<String, Integer> difference = new TreeMap<>(damaged);
    whole.forEach((type, count) -> difference.merge(type, -count, Integer::sum));
    difference.values().removeIf(count -> count == 0);
    return difference;
  }

  /** Where each event record's type id is, chunk by chunk (a chunk's size is at byte 8). */
  private static List<Integer> typeIdPositions(byte[] bytes) {
    List<Integer> positions = new ArrayList<>();
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    for (int chunk = 0; chunk < bytes.length; ) {
      long chunkSize = buffer.getLong(chunk + 8);
      int[] position = {chunk + 68};
      while (position[0] < chunk + chunkSize) {
        int record = position[0];
        long size = varLong(bytes, position);
        int typeAt = position[0];
        if (varLong(bytes, position) > 1) {
          positions.add(typeAt);
        }
        position[0] = record + (int) size;
      }
      chunk += (int) chunkSize;
    }
    return positions;
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
}
