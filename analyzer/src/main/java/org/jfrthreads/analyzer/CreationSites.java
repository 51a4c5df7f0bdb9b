package org.jfrthreads.analyzer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfrthreads.stream.StackFrame;

/**
 * Live threads by creation site: interns sites to small ids (stored per thread in {@link
 * ThreadTable}) and keeps a live count per site id and thread kind.
 *
 * <p>Memory is bounded: at most {@code maxSeries} sites hold an id at once; a new site beyond that
 * gets {@link #OTHER_ID} and is counted under {@code other}. A site whose live count falls to zero
 * gives its id back, so sites that come and go (one-off helpers, tests) do not exhaust the
 * registry. No thread can still carry a freed id: its count would not be zero.
 *
 * <p>Sites are keyed by their {@link StackFrame}, so that a start of a known site allocates
 * nothing; the label string is made once, when the site gets its id.
 *
 * <p>Not thread-safe: one writer thread.
 */
final class CreationSites {

  /** Label value for the sites outside the top N, or beyond {@code maxSeries}. */
  static final String OTHER = "other";

  /** The id of every site that found no free id. */
  static final int OTHER_ID = 0;

  // Stands for "no application frame" in the id map; its label is ApplicationFrames.UNKNOWN.
  private static final StackFrame NO_FRAME = new StackFrame("", ApplicationFrames.UNKNOWN);

  private final int maxSeries;
  private final Map<StackFrame, Integer> ids = new HashMap<>();
  private final List<StackFrame> frames = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final ArrayDeque<Integer> freeIds = new ArrayDeque<>();
  // live[kind][id]; grows with names.
  private long[][] live = new long[2][16];
  private long overflowed;
  private boolean emptied; // a site's live count fell to zero since the last reclaim
  // The id of NO_FRAME, or -1: every virtual thread's site (their start events carry no stack),
  // looked up without hashing a record a million times a second.
  private int noFrameId = -1;

  CreationSites(int maxSeries) {
    this.maxSeries = maxSeries;
    names.add(OTHER);
    frames.add(null);
  }

  /**
   * Counts a thread of {@code kind} started at {@code site}; returns the id to keep with it.
   *
   * @param site the first application frame of the start, {@code null} if none
   */
  int started(ThreadKind kind, StackFrame site) {
    int id = site == null && noFrameId >= 0 ? noFrameId : idOf(site == null ? NO_FRAME : site);
    live[kind.ordinal()][id]++;
    return id;
  }

  /** Counts the end of a thread of {@code kind} that was started with {@code id}. */
  void ended(ThreadKind kind, int id) {
    if (id < 0 || id >= names.size() || live[kind.ordinal()][id] == 0) {
      return;
    }
    live[kind.ordinal()][id]--;
    if (live[kind.ordinal()][id] == 0) {
      emptied = true;
    }
  }

  // Frees the ids of sites without live threads; only when one fell to zero since the last time,
  // so that a full registry of live sites is not scanned for every new site.
  private void reclaimEmptySites() {
    if (!emptied) {
      return;
    }
    emptied = false;
    for (int id = 1; id < names.size(); id++) {
      if (names.get(id) != null && live[0][id] == 0 && live[1][id] == 0) {
        ids.remove(frames.get(id));
        frames.set(id, null);
        names.set(id, null);
        freeIds.push(id);
        if (id == noFrameId) {
          noFrameId = -1;
        }
      }
    }
  }

  /** Forgets the live threads of {@code kind}: their ends will not be seen. */
  void forget(ThreadKind kind) {
    Arrays.fill(live[kind.ordinal()], 0);
    emptied = true;
  }

  /** Starts whose site found no free id and went to {@code other}. */
  long overflowed() {
    return overflowed;
  }

  /** Sites holding an id now, {@code other} excluded; empty ones keep theirs until needed. */
  int registered() {
    return ids.size();
  }

  /**
   * Per kind, the {@code n} sites with the most live threads, then {@code other} if any live thread
   * is left; sites with no live thread of that kind are left out.
   */
  List<SiteLiveCount> topN(int n) {
    List<SiteLiveCount> result = new ArrayList<>();
    for (ThreadKind kind : ThreadKind.values()) {
      long[] counts = live[kind.ordinal()];
      List<Integer> ranked = new ArrayList<>();
      for (int id = 1; id < names.size(); id++) {
        if (names.get(id) != null && counts[id] > 0) {
          ranked.add(id);
        }
      }
      ranked.sort(
          Comparator.comparingLong((Integer id) -> counts[id])
              .reversed()
              .thenComparing(id -> names.get(id)));
      long rest = counts[OTHER_ID];
      for (int i = 0; i < ranked.size(); i++) {
        int id = ranked.get(i);
        if (i < n) {
          result.add(new SiteLiveCount(kind, names.get(id), counts[id]));
        } else {
          rest += counts[id];
        }
      }
      if (rest > 0) {
        result.add(new SiteLiveCount(kind, OTHER, rest));
      }
    }
    return List.copyOf(result);
  }

  private int idOf(StackFrame site) {
    Integer known = ids.get(site);
    if (known != null) {
      return known;
    }
    String label = site == NO_FRAME ? ApplicationFrames.UNKNOWN : site.toString();
    if (freeIds.isEmpty() && names.size() > maxSeries) {
      reclaimEmptySites();
    }
    int id;
    if (!freeIds.isEmpty()) {
      id = freeIds.pop();
      names.set(id, label);
      frames.set(id, site);
    } else if (names.size() <= maxSeries) {
      id = names.size();
      names.add(label);
      frames.add(site);
      grow(id);
    } else {
      overflowed++;
      return OTHER_ID;
    }
    ids.put(site, id);
    if (site == NO_FRAME) {
      noFrameId = id;
    }
    return id;
  }

  private void grow(int id) {
    if (id >= live[0].length) {
      int capacity = Math.max(id + 1, live[0].length * 2);
      live = new long[][] {Arrays.copyOf(live[0], capacity), Arrays.copyOf(live[1], capacity)};
    }
  }
}
