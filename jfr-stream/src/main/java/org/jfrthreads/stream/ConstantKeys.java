package org.jfrthreads.stream;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The keys of the constants one chunk holds, by type, so that a reference can be checked.
 *
 * <p>Why: every reference in a chunk names a constant of that chunk (key 0 is {@code null}); JFR's
 * reader reads one to a missing constant as {@code null} and says nothing. A changed type id makes
 * an event's values read as references of another type, and a changed key names a constant that is
 * not there: both show as references to missing constants.
 *
 * <p>Keys are kept in sorted {@code long} arrays: a chunk can hold hundreds of thousands of
 * constants. Not thread-safe: {@link #add} all, then {@link #seal}, then {@link #contains}.
 */
final class ConstantKeys {

  private final Map<Long, Keys> byType = new HashMap<>();

  void add(long typeId, long key) {
    byType.computeIfAbsent(typeId, id -> new Keys()).add(key);
  }

  /** Ends the adding; the keys are looked up from now on. */
  void seal() {
    byType.values().forEach(Keys::sort);
  }

  /** Whether a constant of that type and key is held; key 0, {@code null}, always is. */
  boolean contains(long typeId, long key) {
    if (key == 0) {
      return true;
    }
    Keys keys = byType.get(typeId);
    return keys != null && Arrays.binarySearch(keys.keys, key) >= 0;
  }

  /** One type's keys: as added, then sorted and trimmed. */
  private static final class Keys {
    long[] keys = new long[16];
    int count;

    void add(long key) {
      if (count == keys.length) {
        keys = Arrays.copyOf(keys, count * 2);
      }
      keys[count++] = key;
    }

    void sort() {
      keys = Arrays.copyOf(keys, count);
      Arrays.sort(keys);
    }
  }
}
