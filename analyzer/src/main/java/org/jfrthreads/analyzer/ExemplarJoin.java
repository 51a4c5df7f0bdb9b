package org.jfrthreads.analyzer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jfrthreads.stream.TraceScope;

/**
 * Joins blocking and pinned events to the traced scope that was open on their thread while they
 * lasted, and makes each such event an exemplar of the histogram it was counted in.
 *
 * <p>A scope's event comes when the scope closes, after the blocking events inside it, so an event
 * is held back as a candidate until a scope of its thread that covered it arrives, or until the
 * wait runs out. Only the candidate waits: the event was counted in its histogram at once. Nested
 * scopes close innermost first, so the first covering scope to arrive is the innermost one.
 *
 * <p>Streams deliver unordered, and the JVM's own events (a pinned virtual thread's) may come after
 * the Java event of the scope around them: scopes are kept for the same wait too, and an event
 * whose scope came first is joined at once, to the innermost one kept.
 *
 * <p>Bounded twice: a candidate waits at most {@code waitNanos} past its end, in the time of the
 * events (so a recording file is joined the same as a live stream), and at most {@code
 * maxCandidates} wait at once; one more makes the oldest give way, with a count. Until the first
 * scope is seen {@link #active()} is false and callers hold nothing back, so a JVM without traced
 * scopes pays nothing.
 *
 * <p>Not thread-safe: one writer thread.
 */
final class ExemplarJoin {

  /** Where a matched candidate's exemplar goes. */
  interface Target {
    void exemplar(TraceExemplar exemplar);
  }

  /** How many of the slowest traced events are kept, for a report. */
  static final int SLOWEST = 20;

  private static final class Candidate {
    final long threadId;
    final long startEpochNanos;
    final long durationNanos;
    final String kind;
    final String charge;
    final Target target;
    boolean done;

    Candidate(
        long threadId,
        long startEpochNanos,
        long durationNanos,
        String kind,
        String charge,
        Target target) {
      this.threadId = threadId;
      this.startEpochNanos = startEpochNanos;
      this.durationNanos = durationNanos;
      this.kind = kind;
      this.charge = charge;
      this.target = target;
    }

    long endEpochNanos() {
      return startEpochNanos + durationNanos;
    }
  }

  private final long waitNanos;
  private final int maxCandidates;
  // Candidates by arrival, done ones included until they reach the head: the bound counts both.
  private final ArrayDeque<Candidate> byArrival = new ArrayDeque<>();
  private final Map<Long, List<Candidate>> byThread = new HashMap<>();
  private final ArrayDeque<TraceScope> scopesByArrival = new ArrayDeque<>();
  private final Map<Long, List<TraceScope>> scopesByThread = new HashMap<>();
  // The slowest matched events, slowest first; at most SLOWEST.
  private final List<TracedBlocking> slowest = new ArrayList<>(SLOWEST + 1);
  private List<TracedBlocking> slowestPublished = List.of();
  private boolean slowestChanged;
  private boolean active;
  private long scopes;
  private long held;
  private long matched;
  private long withoutScope;
  private long dropped;

  ExemplarJoin(long waitNanos, int maxCandidates) {
    this.waitNanos = waitNanos;
    this.maxCandidates = maxCandidates;
  }

  /**
   * Whether a traced scope was ever seen: until then, nothing is worth holding back; never with
   * {@code maxCandidates} 0, which keeps no exemplar.
   */
  boolean active() {
    return active && maxCandidates > 0;
  }

  /**
   * Holds back an event that was just counted, until its scope names its trace.
   *
   * @param kind and {@code charge}: as {@link TracedBlocking} names the event
   */
  void hold(
      long threadId,
      long startEpochNanos,
      long durationNanos,
      String kind,
      String charge,
      Target target) {
    long endEpochNanos = startEpochNanos + durationNanos;
    expireBefore(endEpochNanos - waitNanos);
    Candidate candidate =
        new Candidate(threadId, startEpochNanos, durationNanos, kind, charge, target);
    TraceScope came = innermostKept(threadId, startEpochNanos, endEpochNanos);
    if (came != null) {
      match(candidate, came);
      return;
    }
    if (byArrival.size() >= maxCandidates) {
      makeRoom();
    }
    byArrival.addLast(candidate);
    byThread.computeIfAbsent(threadId, id -> new ArrayList<>(4)).add(candidate);
    held++;
  }

  /**
   * The oldest waiting candidate gives way to the new one. Under a flood of waits that no scope
   * will claim (idle pool workers parking), the wait shrinks instead of refusing every newer event:
   * a traced request's scope closes soon after its waits, so the newest are the likeliest to match.
   */
  private void makeRoom() {
    while (!byArrival.isEmpty() && byArrival.peekFirst().done) {
      byArrival.pollFirst();
    }
    if (byArrival.size() >= maxCandidates) {
      unhold(byArrival.pollFirst());
      dropped++;
    }
  }

  private void unhold(Candidate candidate) {
    List<Candidate> candidates = byThread.get(candidate.threadId);
    candidates.remove(candidate);
    if (candidates.isEmpty()) {
      byThread.remove(candidate.threadId);
    }
    held--;
  }

  /** A scope closed: the candidates of its thread that it covered get its trace. */
  void scope(TraceScope scope) {
    active = true;
    scopes++;
    keep(scope);
    List<Candidate> candidates = byThread.get(scope.threadId());
    if (candidates == null) {
      return;
    }
    for (Iterator<Candidate> i = candidates.iterator(); i.hasNext(); ) {
      Candidate candidate = i.next();
      if (scope.epochNanos() <= candidate.startEpochNanos
          && candidate.endEpochNanos() <= scope.endEpochNanos()) {
        match(candidate, scope);
        candidate.done = true;
        i.remove();
        held--;
      }
    }
    if (candidates.isEmpty()) {
      byThread.remove(scope.threadId());
    }
  }

  private void match(Candidate candidate, TraceScope scope) {
    TraceExemplar exemplar =
        new TraceExemplar(
            scope.traceId(), scope.spanId(), candidate.durationNanos, candidate.endEpochNanos());
    candidate.target.exemplar(exemplar);
    matched++;
    int at = slowest.size();
    while (at > 0 && slowest.get(at - 1).exemplar().durationNanos() < exemplar.durationNanos()) {
      at--;
    }
    if (at < SLOWEST) {
      slowest.add(
          at, new TracedBlocking(candidate.kind, candidate.charge, candidate.threadId, exemplar));
      if (slowest.size() > SLOWEST) {
        slowest.removeLast();
      }
      slowestChanged = true;
    }
  }

  /** The slowest events joined to a scope so far, slowest first, at most {@link #SLOWEST}. */
  List<TracedBlocking> slowest() {
    if (slowestChanged) {
      slowestPublished = List.copyOf(slowest);
      slowestChanged = false;
    }
    return slowestPublished;
  }

  // Bounded like the candidates: by the wait, and by their number.
  private void keep(TraceScope scope) {
    if (maxCandidates == 0) {
      return;
    }
    if (scopesByArrival.size() >= maxCandidates) {
      forget(scopesByArrival.pollFirst());
    }
    scopesByArrival.addLast(scope);
    scopesByThread.computeIfAbsent(scope.threadId(), id -> new ArrayList<>(4)).add(scope);
  }

  private void forget(TraceScope scope) {
    List<TraceScope> kept = scopesByThread.get(scope.threadId());
    kept.remove(scope);
    if (kept.isEmpty()) {
      scopesByThread.remove(scope.threadId());
    }
  }

  private TraceScope innermostKept(long threadId, long startEpochNanos, long endEpochNanos) {
    List<TraceScope> kept = scopesByThread.get(threadId);
    if (kept == null) {
      return null;
    }
    TraceScope innermost = null;
    for (TraceScope scope : kept) {
      if (scope.epochNanos() <= startEpochNanos
          && endEpochNanos <= scope.endEpochNanos()
          && (innermost == null || scope.durationNanos() < innermost.durationNanos())) {
        innermost = scope;
      }
    }
    return innermost;
  }

  /** Gives up on the candidates that ended more than the wait before {@code nowEpochNanos}. */
  void flushed(long nowEpochNanos) {
    expireBefore(nowEpochNanos - waitNanos);
  }

  private void expireBefore(long endEpochNanos) {
    while (!scopesByArrival.isEmpty()
        && scopesByArrival.peekFirst().endEpochNanos() < endEpochNanos) {
      forget(scopesByArrival.pollFirst());
    }
    while (!byArrival.isEmpty()
        && (byArrival.peekFirst().done || byArrival.peekFirst().endEpochNanos() < endEpochNanos)) {
      Candidate candidate = byArrival.pollFirst();
      if (!candidate.done) {
        unhold(candidate);
        withoutScope++;
      }
    }
  }

  ExemplarStatistics statistics() {
    return new ExemplarStatistics(scopes, held, matched, withoutScope, dropped);
  }
}
