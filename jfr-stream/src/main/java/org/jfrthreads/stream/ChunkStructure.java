package org.jfrthreads.stream;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the structure of one chunk of a recording, so that a damaged one is refused instead of
 * being read in part without a word.
 *
 * <p>JFR's own reader ({@code jdk.jfr.internal.consumer.ChunkParser}) trusts what it reads: an
 * event size that became too large ends the chunk early and drops every event after it; a type id
 * that became unknown drops the event; a chunk header whose state byte says "being written" makes
 * it wait for ever; a negative size can send it back over the same bytes. None of this is reported.
 * The format has no checksum, so this check walks what can be checked:
 *
 * <ul>
 *   <li>the header: version 1.x or 2.x, constant-pool and metadata offsets inside the chunk, a
 *       start time after 1970, a duration and a tick rate that make sense, and the state
 *       "finished";
 *   <li>the metadata record: a string table and a tree that fill the record exactly, and every
 *       field of every type declared;
 *   <li>the constant-pool chain, from the header's offset back to the first, each pool's constants
 *       filling it exactly;
 *   <li>every record, from the header to the chunk's end: sizes that add up to the chunk's size, a
 *       known type, and for an event, fields that fill it exactly as its type declares; a record of
 *       type 0 or 1 must be metadata or a constant pool of the chain, for JFR's reader skips those
 *       without reading them;
 *   <li>every reference, in an event or a constant, to a constant the chunk holds ({@link
 *       ConstantKeys}); JFR's reader reads a missing one as {@code null}. Thread references are
 *       left out: JDK 17 writes events of threads whose constant it never writes.
 * </ul>
 *
 * <p>What no check can see is a changed value that keeps its length: a duration, a time, a thread
 * id, a reference to another constant the chunk holds, or a character of a name changed into
 * another valid one; or an event's type id changed into that of another event type whose fields
 * take the same bytes and name constants that exist, which is then read as an event of that type.
 */
final class ChunkStructure {

  static final int HEADER_BYTES = 68;

  private static final int MAX_NESTING = 16;
  private static final String THREAD = "java.lang.Thread";

  // The event types the analysis needs; a JDK's metadata declares them all, recorded or not.
  private static final List<String> PLATFORM_THREAD_EVENTS =
      List.of(
          "jdk.ThreadStart",
          "jdk.ThreadEnd",
          "jdk.JavaMonitorEnter",
          "jdk.JavaMonitorWait",
          "jdk.ThreadPark",
          "jdk.ThreadSleep");
  private static final List<String> VIRTUAL_THREAD_EVENTS =
      List.of("jdk.VirtualThreadStart", "jdk.VirtualThreadEnd", "jdk.VirtualThreadPinned");

  private final RecordingBytes bytes;
  private final long start;
  private final long end;
  private final ConstantKeys constants = new ConstantKeys();
  private boolean referencesKnown; // once every constant pool was read
  private long threadTypeId; // references to threads are not checked

  private ChunkStructure(RecordingBytes bytes, long start, long size) {
    this.bytes = bytes;
    this.start = start;
    this.end = start + size;
  }

  /**
   * Checks the chunk of {@code size} bytes at {@code start}; {@code size} is already known to fit
   * in the file and to hold a header.
   *
   * @throws RecordingDamage at the first damage found
   */
  static void check(RecordingBytes bytes, long start, long size)
      throws IOException, RecordingDamage {
    new ChunkStructure(bytes, start, size).check();
  }

  private void check() throws IOException, RecordingDamage {
    bytes.seek(start, end);
    bytes.skip(4); // magic, already checked
    int major = (bytes.readByte() & 0xFF) << 8 | (bytes.readByte() & 0xFF);
    int minor = (bytes.readByte() & 0xFF) << 8 | (bytes.readByte() & 0xFF);
    if (major != 1 && major != 2) {
      throw new RecordingDamage(start + 4, "a format version " + major + "." + minor);
    }
    bytes.readRawLong(); // size, already checked
    long constantPoolOffset = bytes.readRawLong();
    long metadataOffset = bytes.readRawLong();
    long startNanos = bytes.readRawLong();
    long durationNanos = bytes.readRawLong();
    bytes.readRawLong(); // start ticks: any value
    long ticksPerSecond = bytes.readRawLong();
    byte state = bytes.readByte();
    insideChunk(start + 16, "constant pools", constantPoolOffset);
    insideChunk(start + 24, "metadata", metadataOffset);
    if (startNanos <= 0) {
      throw new RecordingDamage(start + 32, "a start time of " + startNanos + " ns since 1970");
    }
    if (durationNanos < 0) {
      throw new RecordingDamage(start + 40, "a duration of " + durationNanos + " ns");
    }
    if (ticksPerSecond <= 0) {
      throw new RecordingDamage(start + 56, "a clock of " + ticksPerSecond + " ticks a second");
    }
    // JFR's reader waits for a chunk that is not finished to be written: for ever, in a file.
    if (state != 0) {
      throw new RecordingDamage(
          start + 64, "a header state " + (state & 0xFF) + " instead of 0 (finished)");
    }
    ChunkMetadata metadata = metadata(start + metadataOffset);
    threadTypeId = metadata.typeId(THREAD);
    Set<Long> constantPools = constantPools(start + constantPoolOffset, metadata);
    constants.seal();
    referencesKnown = true;
    // Constants refer to constants of later pools too: their references are checked on a second
    // walk, once every key is known.
    constantPools(start + constantPoolOffset, metadata);
    records(metadata, start + metadataOffset, constantPools);
  }

  private void insideChunk(long at, String what, long offset) throws RecordingDamage {
    if (offset < HEADER_BYTES || start + offset >= end) {
      throw new RecordingDamage(
          at, "the " + what + " at offset " + offset + ", outside the chunk's records");
    }
  }

  private ChunkMetadata metadata(long position) throws IOException, RecordingDamage {
    record(position, ChunkMetadata.METADATA_TYPE_ID, "the metadata");
    ChunkMetadata metadata = ChunkMetadata.read(bytes);
    boolean jdk = PLATFORM_THREAD_EVENTS.stream().anyMatch(metadata::declaresEvent);
    boolean virtual = VIRTUAL_THREAD_EVENTS.stream().anyMatch(metadata::declaresEvent);
    for (String name : jdk ? PLATFORM_THREAD_EVENTS : List.<String>of()) {
      requireEvent(metadata, name, position);
    }
    for (String name : virtual ? VIRTUAL_THREAD_EVENTS : List.<String>of()) {
      requireEvent(metadata, name, position);
    }
    return metadata;
  }

  private static void requireEvent(ChunkMetadata metadata, String name, long position)
      throws RecordingDamage {
    if (!metadata.declaresEvent(name)) {
      throw new RecordingDamage(position, "metadata that lacks the event type " + name);
    }
  }

  /** The starts of the constant pools, walked from the last back to the first. */
  private Set<Long> constantPools(long last, ChunkMetadata metadata)
      throws IOException, RecordingDamage {
    Set<Long> pools = new HashSet<>();
    long position = last;
    while (true) {
      if (position < start + HEADER_BYTES || position >= end || !pools.add(position)) {
        throw new RecordingDamage(
            position, "a constant-pool chain that leads outside the chunk's records or in a loop");
      }
      record(position, ChunkMetadata.CONSTANT_POOL_TYPE_ID, "a constant pool");
      bytes.readVarLong(); // start time
      bytes.readVarLong(); // duration
      long delta = bytes.readVarLong();
      bytes.readByte(); // kind: flush, chunk header, statics, thread
      int poolCount = bytes.readCount("a constant-pool count");
      for (int i = 0; i < poolCount; i++) {
        long at = bytes.position();
        ChunkMetadata.Layout type = metadata.layout(bytes.readVarLong());
        if (type == null || type.type.event()) {
          throw new RecordingDamage(at, "constants of an undeclared type");
        }
        int constants = bytes.readCount("a constant count");
        // Thread references are not checked: their keys, most of a churn's pools, are not kept.
        boolean keepKeys = !referencesKnown && type.type.id() != threadTypeId;
        for (int j = 0; j < constants; j++) {
          long key = bytes.readVarLong();
          if (keepKeys) {
            this.constants.add(type.type.id(), key);
          }
          value(type, 0);
        }
      }
      filled("a constant pool", position);
      if (delta == 0) {
        return pools;
      }
      position += delta;
    }
  }

  /** Walks every record of the chunk; each of them, not only the events, is framed alike. */
  private void records(ChunkMetadata metadata, long metadataPosition, Set<Long> constantPools)
      throws IOException, RecordingDamage {
    long position = start + HEADER_BYTES;
    int poolsSeen = 0;
    boolean metadataSeen = false;
    while (position < end) {
      long type = record(position, -1, "a record");
      long recordEnd = bytes.limit();
      // JFR's reader passes over metadata and constant-pool records as it reads events: an event
      // whose type id became 0 or 1 would be skipped without a word, so each must be what its
      // type says.
      if (type == ChunkMetadata.METADATA_TYPE_ID) {
        metadataSeen |= position == metadataPosition;
        if (position != metadataPosition) {
          metadataRecord(position);
        }
      } else if (type == ChunkMetadata.CONSTANT_POOL_TYPE_ID) {
        if (!constantPools.contains(position)) {
          throw new RecordingDamage(
              position, "a constant pool (record type 1) outside the chain of constant pools");
        }
        poolsSeen++;
      } else {
        ChunkMetadata.Layout eventType = metadata.layout(type);
        if (eventType == null || !eventType.type.event()) {
          throw new RecordingDamage(position, "a record of unknown type " + type);
        }
        value(eventType, 0);
        if (bytes.remaining() != 0) {
          filled("an event of type " + eventType.type.name(), position);
        }
      }
      position = recordEnd;
    }
    if (!metadataSeen || poolsSeen != constantPools.size()) {
      throw new RecordingDamage(
          metadataSeen ? start + 16 : start + 24,
          "a header offset that points inside a record, not at its start");
    }
  }

  /** Reads a metadata record that the header does not point to, as an earlier one. */
  private void metadataRecord(long position) throws IOException, RecordingDamage {
    try {
      ChunkMetadata.read(bytes);
    } catch (RecordingDamage damage) {
      throw new RecordingDamage(
          position,
          "a record of type 0 (metadata) that holds no metadata ("
              + damage.problem()
              + " at byte "
              + damage.offset()
              + ")");
    }
  }

  /**
   * Reads the size and type of the record at {@code position}, limits the reader to the record, and
   * returns its type; {@code expectedType} {@code -1} accepts any.
   */
  private long record(long position, long expectedType, String what)
      throws IOException, RecordingDamage {
    bytes.seek(position, end);
    long size = bytes.readVarLong();
    if (size <= 0 || size > end - position) {
      throw new RecordingDamage(
          position,
          what + " of " + size + " bytes, where " + (end - position) + " are left in the chunk");
    }
    bytes.seek(bytes.position(), position + size);
    long type = bytes.readVarLong();
    if (expectedType >= 0 && type != expectedType) {
      throw new RecordingDamage(position, what + " that is a record of type " + type);
    }
    return type;
  }

  private void filled(String what, long position) throws RecordingDamage {
    if (bytes.remaining() != 0) {
      throw new RecordingDamage(
          position, what + " whose content ends " + bytes.remaining() + " bytes before its size");
    }
  }

  private void reference(ChunkMetadata.Layout type) throws IOException, RecordingDamage {
    long at = bytes.position();
    long key = bytes.readVarLong();
    if (referencesKnown
        && type.type.id() != threadTypeId
        && !constants.contains(type.type.id(), key)) {
      throw new RecordingDamage(
          at,
          "a reference to constant "
              + key
              + " of type "
              + type.type.name()
              + ", which the chunk does not hold");
    }
  }

  /** Skips a value of {@code type}, field by field as the metadata declares them. */
  private void value(ChunkMetadata.Layout type, int depth) throws IOException, RecordingDamage {
    switch (type.kind) {
      case ChunkMetadata.Layout.VARINT -> bytes.readVarLong();
      case ChunkMetadata.Layout.BYTE -> bytes.readByte();
      case ChunkMetadata.Layout.FLOAT -> bytes.skip(Float.BYTES);
      case ChunkMetadata.Layout.DOUBLE -> bytes.skip(Double.BYTES);
      case ChunkMetadata.Layout.STRING -> ChunkMetadata.skipString(bytes);
      case ChunkMetadata.Layout.COMPOSITE -> fields(type, depth);
      default ->
          throw new RecordingDamage(
              bytes.position(), "a value of type " + type.type.name() + ", which has no fields");
    }
  }

  private void fields(ChunkMetadata.Layout type, int depth) throws IOException, RecordingDamage {
    if (depth > MAX_NESTING) {
      throw new RecordingDamage(
          bytes.position(), "types nested more than " + MAX_NESTING + " deep");
    }
    ChunkMetadata.Layout[] fields = type.fields;
    for (int i = 0; i < fields.length; i++) {
      int count = type.arrays[i] ? bytes.readCount("an array length") : 1;
      for (int j = 0; j < count; j++) {
        if (type.references[i]) {
          reference(fields[i]);
        } else {
          value(fields[i], depth + 1);
        }
      }
    }
  }
}
