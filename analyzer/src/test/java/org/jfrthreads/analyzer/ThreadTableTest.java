package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ThreadTableTest {

  private static final int MIN_CAPACITY = new ThreadTable().capacity();

  private record Entry(long start, int site) {}

  @Test
  void putThenRemoveReturnsTheStartAndTheSite() {
    ThreadTable table = new ThreadTable();
    table.put(42, 1_000, 7);

    assertThat(table.contains(42)).isTrue();
    assertThat(table.size()).isEqualTo(1);
    assertThat(table.remove(42)).isEqualTo(1_000);
    assertThat(table.lastRemovedSite()).isEqualTo(7);
    assertThat(table.contains(42)).isFalse();
    assertThat(table.size()).isZero();
  }

  @Test
  void removingAnAbsentThreadReturnsNotFound() {
    ThreadTable table = new ThreadTable();
    table.put(1, 10, 0);

    assertThat(table.remove(2)).isEqualTo(ThreadTable.NOT_FOUND);
    assertThat(table.remove(0)).isEqualTo(ThreadTable.NOT_FOUND);
    assertThat(table.remove(-5)).isEqualTo(ThreadTable.NOT_FOUND);
    assertThat(table.contains(0)).isFalse();
    assertThat(table.contains(-5)).isFalse();
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void putOfAPresentThreadReplacesItWithoutGrowing() {
    ThreadTable table = new ThreadTable();
    table.put(9, 100, 1);
    table.put(9, 200, 2);

    assertThat(table.size()).isEqualTo(1);
    assertThat(table.remove(9)).isEqualTo(200);
    assertThat(table.lastRemovedSite()).isEqualTo(2);
  }

  @Test
  void rejectsIdsThatAreNotPositive() {
    ThreadTable table = new ThreadTable();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> table.put(0, 1, 0))
        .withMessage("0: illegal thread id. Expecting a positive id.");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> table.put(-3, 1, 0))
        .withMessageStartingWith("-3: illegal thread id.");
  }

  @Test
  void growsKeepingEveryEntryAtMostHalfFull() {
    ThreadTable table = new ThreadTable();
    for (long id = 1; id <= 10_000; id++) {
      table.put(id, id * 10, (int) id);
      assertThat(table.capacity()).isGreaterThanOrEqualTo(2 * table.size());
    }

    for (long id = 1; id <= 10_000; id++) {
      assertThat(table.remove(id)).isEqualTo(id * 10);
      assertThat(table.lastRemovedSite()).isEqualTo((int) id);
    }
    assertThat(table.size()).isZero();
  }

  @Test
  void compactShrinksToTheMinimumAfterABurstIsRemoved() {
    ThreadTable table = new ThreadTable();
    for (long id = 1; id <= 100_000; id++) {
      table.put(id, id, 0);
    }
    int burstCapacity = table.capacity();
    for (long id = 1; id <= 100_000; id++) {
      table.remove(id);
    }
    assertThat(table.capacity()).isEqualTo(burstCapacity); // removal alone does not shrink

    table.compact();

    assertThat(burstCapacity).isGreaterThanOrEqualTo(200_000);
    assertThat(table.capacity()).isEqualTo(MIN_CAPACITY);
  }

  @Test
  void compactKeepsTheSurvivorsAndAtLeastAnEighthUsed() {
    ThreadTable table = new ThreadTable();
    for (long id = 1; id <= 100_000; id++) {
      table.put(id, id * 3, (int) id);
    }
    for (long id = 1_001; id <= 100_000; id++) {
      table.remove(id);
    }

    table.compact();

    // 1000 of 4096 is above an eighth; 1000 of 8192 would be below.
    assertThat(table.capacity()).isEqualTo(4096);
    assertThat(table.size()).isEqualTo(1000);
    for (long id = 1; id <= 1_000; id++) {
      assertThat(table.remove(id)).isEqualTo(id * 3);
      assertThat(table.lastRemovedSite()).isEqualTo((int) id);
    }
  }

  @Test
  void compactOfASmallTableKeepsTheMinimum() {
    ThreadTable table = new ThreadTable();
    table.compact();
    assertThat(table.capacity()).isEqualTo(MIN_CAPACITY);
  }

  @Test
  void clearEmptiesAndShrinks() {
    ThreadTable table = new ThreadTable();
    for (long id = 1; id <= 1_000; id++) {
      table.put(id, id, 0);
    }

    table.clear();

    assertThat(table.size()).isZero();
    assertThat(table.capacity()).isEqualTo(MIN_CAPACITY);
    assertThat(table.contains(1)).isFalse();
  }

  @Test
  void behavesLikeAHashMapUnderRandomOperations() {
    Random random = new Random(20_261_128);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      ids.add(1 + (long) random.nextInt(1 << 30));
    }
    runModel(random, ids, 200_000);
  }

  /**
   * Ids whose home slot is in the last few or the first few slots of the smallest table: probe
   * chains cross the end of the array, where backward-shift deletion has its hardest case.
   */
  @Test
  void behavesLikeAHashMapWhenProbeChainsWrapAround() {
    int mask = MIN_CAPACITY - 1;
    List<Long> ids = new ArrayList<>();
    for (long id = 1; ids.size() < 40; id++) {
      int home = ThreadTable.hash(id) & mask;
      if (home >= MIN_CAPACITY - 3 || home <= 1) {
        ids.add(id);
      }
    }
    // At most 31 live ids keep the table at its minimum capacity, so the chains really wrap.
    ThreadTable table = new ThreadTable();
    Map<Long, Entry> model = new HashMap<>();
    Random random = new Random(7);
    for (int op = 0; op < 200_000; op++) {
      long id = ids.get(random.nextInt(ids.size()));
      if (model.size() < 31 && random.nextBoolean()) {
        Entry entry = new Entry(random.nextLong(), random.nextInt());
        table.put(id, entry.start(), entry.site());
        model.put(id, entry);
      } else {
        removeFromBoth(table, model, id);
      }
      if (table.capacity() != MIN_CAPACITY) {
        throw new AssertionError("grew at operation " + op + ": " + table);
      }
      assertSameContents(table, model, ids);
    }
  }

  private static void runModel(Random random, List<Long> ids, int operations) {
    ThreadTable table = new ThreadTable();
    Map<Long, Entry> model = new HashMap<>();
    for (int op = 0; op < operations; op++) {
      long id = ids.get(random.nextInt(ids.size()));
      int choice = random.nextInt(100);
      if (choice < 50) {
        Entry entry = new Entry(random.nextLong(), random.nextInt());
        table.put(id, entry.start(), entry.site());
        model.put(id, entry);
      } else if (choice < 98) {
        removeFromBoth(table, model, id);
      } else {
        table.compact();
      }
      if (table.size() != model.size() || table.contains(id) != model.containsKey(id)) {
        throw new AssertionError(
            "operation " + op + " on " + id + ": " + table + ", model size " + model.size());
      }
      if (op % 1_000 == 0) {
        assertSameContents(table, model, ids);
      }
    }
    assertSameContents(table, model, ids);
  }

  private static void removeFromBoth(ThreadTable table, Map<Long, Entry> model, long id) {
    Entry expected = model.remove(id);
    long start = table.remove(id);
    boolean same =
        expected == null
            ? start == ThreadTable.NOT_FOUND
            : start == expected.start() && table.lastRemovedSite() == expected.site();
    if (!same) {
      throw new AssertionError(id + ": removed " + start + ", expected " + expected);
    }
  }

  private static void assertSameContents(
      ThreadTable table, Map<Long, Entry> model, List<Long> ids) {
    if (table.size() != model.size()) {
      throw new AssertionError(table + ", model " + model.size());
    }
    for (long id : ids) {
      if (table.contains(id) != model.containsKey(id)) {
        throw new AssertionError(
            id + ": contains " + table.contains(id) + ", model " + model.get(id));
      }
    }
  }
}
