package org.jfrthreads.analyzer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfrthreads.analyzer.internal.ApplicationFrames;
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
 * <p>At most {@code shownSites} sites per kind are <i>shown</i> with a series of their own; the
 * rest count under {@code other}. A site is shown only from a moment its live count is zero, its
 * first start while a slot is free, and stays shown while it has live threads, so that no site
 * moving in or out changes the value of {@code other}: it changes only when threads of the sites it
 * holds start or end. The one exception is {@link #show}, for a site suspected of a leak, which
 * takes its threads out of {@code other} (a drop, never read as growth).
 *
 * <p>Sites are keyed by their {@link StackFrame}, without a hidden class's address, so that a start
 * of a known site allocates nothing; the label string is made once, when the site gets its id.
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
  private final int shownSites;
  private final Map<StackFrame, Integer> ids = new HashMap<>();
  private final List<StackFrame> frames = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final ArrayDeque<Integer> freeIds = new ArrayDeque<>();
  // live[kind][id]; grows with names.
  private long[][] live = new long[2][16];
  private boolean[][] shown = new boolean[2][16];
  private final int[] shownCount = new int[2];
  private long overflowed;
  // The id of NO_FRAME, or -1: every virtual thread's site (their start events carry no stack),
  // looked up without hashing a record a million times a second.
  private int noFrameId = -1;

  CreationSites(int maxSeries, int shownSites) {
    this.maxSeries = maxSeries;
    this.shownSites = shownSites;
    names.add(OTHER);
    frames.add(null);
  }

  /**
   * Counts a thread of {@code kind} started at {@code site}; returns the id to keep with it.
   *
   * @param site the first application frame of the start, {@code null} if none
   */
  int started(ThreadKind kind, StackFrame site) {
    int id =
        site == null && noFrameId >= 0 ? noFrameId : idOf(site == null ? NO_FRAME : stable(site));
    int k = kind.ordinal();
    if (id != OTHER_ID && live[k][id] == 0 && shownCount[k] < shownSites) {
      shown[k][id] = true;
      shownCount[k]++;
    }
    live[k][id]++;
    return id;
  }

  /** Counts the end of a thread of {@code kind} that was started with {@code id}. */
  void ended(ThreadKind kind, int id) {
    if (id < 0 || id >= names.size() || live[kind.ordinal()][id] == 0) {
      return;
    }
    int k = kind.ordinal();
    live[k][id]--;
    if (live[k][id] == 0 && shown[k][id]) {
      shown[k][id] = false;
      shownCount[k]--;
    }
    // The site of virtual threads keeps its id while empty: under churn of short virtual threads
    // it would otherwise leave and re-enter the table thousands of times a second.
    if (id != OTHER_ID && id != noFrameId && live[0][id] == 0 && live[1][id] == 0) {
      ids.remove(frames.get(id));
      frames.set(id, null);
      names.set(id, null);
      freeIds.push(id);
    }
  }

  /** Forgets the live threads of {@code kind}: their ends will not be seen. */
  void forget(ThreadKind kind) {
    int k = kind.ordinal();
    for (int id = 0; id < names.size(); id++) {
      if (live[k][id] > 0) {
        live[k][id] = 1;
        ended(kind, id);
      }
    }
  }

  /** Starts whose site found no free id and went to {@code other}. */
  long overflowed() {
    return overflowed;
  }

  /** Sites holding an id now, {@code other} excluded. */
  int registered() {
    return ids.size();
  }

  /** The id of a site by its label, or -1 if it has none (unknown, or counted under other). */
  int idOf(String label) {
    for (int id = 1; id < names.size(); id++) {
      if (label.equals(names.get(id))) {
        return id;
      }
    }
    return -1;
  }

  /**
   * Shows a site from now on while it has live threads, even beyond {@code shownSites}: a site
   * suspected of a leak gets a series of its own. Does nothing for an unknown site.
   */
  void show(ThreadKind kind, String label) {
    int k = kind.ordinal();
    for (int id = 1; id < names.size(); id++) {
      if (label.equals(names.get(id)) && !shown[k][id] && live[k][id] > 0) {
        shown[k][id] = true;
        shownCount[k]++;
      }
    }
  }

  /**
   * Per kind, the shown sites, most live threads first, then {@code other} if any live thread is
   * left; sites with no live thread of that kind are left out.
   */
  List<SiteLiveCount> shown() {
    List<SiteLiveCount> result = new ArrayList<>();
    for (ThreadKind kind : ThreadKind.values()) {
      int k = kind.ordinal();
      long[] counts = live[k];
      List<SiteLiveCount> ofKind = new ArrayList<>();
      long rest = 0;
      for (int id = 0; id < names.size(); id++) {
        if (id != OTHER_ID && shown[k][id] && counts[id] > 0) {
          ofKind.add(new SiteLiveCount(kind, names.get(id), counts[id]));
        } else {
          rest += counts[id];
        }
      }
      ofKind.sort(
          Comparator.comparingLong(SiteLiveCount::live)
              .reversed()
              .thenComparing(SiteLiveCount::site));
      result.addAll(ofKind);
      if (rest > 0) {
        result.add(new SiteLiveCount(kind, OTHER, rest));
      }
    }
    return List.copyOf(result);
  }

  /**
   * Per kind, the {@code n} registered sites with the most live threads, without {@code other}:
   * what the leak detector judges, whether shown or not.
   */
  List<SiteLiveCount> largest(int n) {
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
      for (int i = 0; i < Math.min(n, ranked.size()); i++) {
        int id = ranked.get(i);
        result.add(new SiteLiveCount(kind, names.get(id), counts[id]));
      }
    }
    return List.copyOf(result);
  }

  private int idOf(StackFrame site) {
    Integer known = ids.get(site);
    if (known != null) {
      return known;
    }
    String label =
        site == NO_FRAME
            ? ApplicationFrames.UNKNOWN
            : ApplicationFrames.label(site.className(), site.methodName());
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

  // A lambda's hidden class carries an address that changes at every run; keyed without it, the
  // same code keeps the same site, and one series, across restarts. Allocates only for such frames.
  private static StackFrame stable(StackFrame site) {
    String className = ApplicationFrames.stableClassName(site.className());
    return className == site.className() ? site : new StackFrame(className, site.methodName());
  }

  private void grow(int id) {
    if (id >= live[0].length) {
      int capacity = Math.max(id + 1, live[0].length * 2);
      live = new long[][] {Arrays.copyOf(live[0], capacity), Arrays.copyOf(live[1], capacity)};
      shown =
          new boolean[][] {Arrays.copyOf(shown[0], capacity), Arrays.copyOf(shown[1], capacity)};
    }
  }
}
