package org.jfrthreads.analyzer;

/**
 * The threads being followed: {@code javaThreadId -> (start time, creation site)}, in three
 * primitive arrays with open addressing: 20 bytes a slot, at a load of a quarter to a half.
 *
 * <p>A {@code HashMap<Long, ...>} would cost some 100 bytes a thread and an allocation per start;
 * with a million short-lived virtual threads a second that matters. The table grows as needed and
 * shrinks again in {@link #compact()}, so a burst leaves nothing behind.
 *
 * <p>Thread ids are positive ({@code Thread.threadId()}), so 0 marks a free slot. Not thread-safe.
 */
final class ThreadTable {

  static final long NOT_FOUND = Long.MIN_VALUE;
  private static final int MIN_CAPACITY = 64;

  private long[] ids;
  private long[] starts;
  private int[] sites;
  private int size;
  private int lastRemovedSite;

  ThreadTable() {
    allocate(MIN_CAPACITY);
  }

  int size() {
    return size;
  }

  /** Adds or replaces a thread. */
  void put(long threadId, long startEpochNanos, int site) {
    checkId(threadId);
    if ((size + 1) * 2 > ids.length) {
      rehash(ids.length * 2);
    }
    int slot = find(threadId);
    if (ids[slot] == 0) {
      size++;
    }
    ids[slot] = threadId;
    starts[slot] = startEpochNanos;
    sites[slot] = site;
  }

  /**
   * Removes a thread; returns its start time, or {@link #NOT_FOUND}. Its site is then in {@link
   * #lastRemovedSite()}.
   */
  long remove(long threadId) {
    if (threadId <= 0) {
      return NOT_FOUND;
    }
    int slot = find(threadId);
    if (ids[slot] == 0) {
      return NOT_FOUND;
    }
    long start = starts[slot];
    lastRemovedSite = sites[slot];
    size--;
    shiftBack(slot);
    return start;
  }

  /** The creation site of the thread last removed. */
  int lastRemovedSite() {
    return lastRemovedSite;
  }

  /** Up to {@code max} ids of the threads started at {@code site}, in no particular order. */
  long[] idsAt(int site, int max) {
    long[] found = new long[Math.min(max, size)];
    int n = 0;
    for (int slot = 0; slot < ids.length && n < found.length; slot++) {
      if (ids[slot] != 0 && sites[slot] == site) {
        found[n++] = ids[slot];
      }
    }
    return java.util.Arrays.copyOf(found, n);
  }

  boolean contains(long threadId) {
    return threadId > 0 && ids[find(threadId)] != 0;
  }

  void clear() {
    allocate(MIN_CAPACITY);
    size = 0;
  }

  /** Gives memory back after a burst: shrinks when less than an eighth is used. */
  void compact() {
    int wanted = ids.length;
    while (wanted > MIN_CAPACITY && size * 8 < wanted) {
      wanted /= 2;
    }
    if (wanted != ids.length) {
      rehash(wanted);
    }
  }

  int capacity() {
    return ids.length;
  }

  private int find(long threadId) {
    int mask = ids.length - 1;
    int slot = hash(threadId) & mask;
    while (ids[slot] != 0 && ids[slot] != threadId) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  // Backward-shift deletion keeps linear probing correct without tombstones.
  private void shiftBack(int free) {
    int mask = ids.length - 1;
    int slot = free;
    while (true) {
      slot = (slot + 1) & mask;
      long id = ids[slot];
      if (id == 0) {
        break;
      }
      int home = hash(id) & mask;
      boolean movable =
          free <= slot ? (home <= free || home > slot) : (home <= free && home > slot);
      if (movable) {
        ids[free] = id;
        starts[free] = starts[slot];
        sites[free] = sites[slot];
        free = slot;
      }
    }
    ids[free] = 0;
  }

  private void rehash(int capacity) {
    long[] oldIds = ids;
    long[] oldStarts = starts;
    int[] oldSites = sites;
    allocate(capacity);
    for (int i = 0; i < oldIds.length; i++) {
      if (oldIds[i] != 0) {
        int slot = find(oldIds[i]);
        ids[slot] = oldIds[i];
        starts[slot] = oldStarts[i];
        sites[slot] = oldSites[i];
      }
    }
  }

  private void allocate(int capacity) {
    ids = new long[capacity];
    starts = new long[capacity];
    sites = new int[capacity];
  }

  // Package private for tests that build colliding ids.
  static int hash(long id) {
    long h = id * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  private static void checkId(long threadId) {
    if (threadId <= 0) {
      throw new IllegalArgumentException(
          threadId + ": illegal thread id. Expecting a positive id.");
    }
  }

  @Override
  public String toString() {
    return "ThreadTable[size=" + size + ", capacity=" + ids.length + "]";
  }
}
