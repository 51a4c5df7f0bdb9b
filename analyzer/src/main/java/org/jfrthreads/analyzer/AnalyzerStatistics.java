package org.jfrthreads.analyzer;

/**
 * The analyzer's own health.
 *
 * @param eventsProcessed records processed since the start
 * @param trackedThreads threads followed now for their lifetime
 * @param untrackedStarts starts not followed because {@code maxTrackedThreads} threads already were
 * @param unpairedEnds ends whose start was never seen (threads older than the watch, or untracked)
 * @param overflowedEvents blocking or pinned events whose class or site, and thread starts whose
 *     creation site, found no free series and went straight to {@code other}
 * @param exemplars what became of the events held back for their traced scope
 */
public record AnalyzerStatistics(
    long eventsProcessed,
    int trackedThreads,
    long untrackedStarts,
    long unpairedEnds,
    long overflowedEvents,
    ExemplarStatistics exemplars) {

  public static final AnalyzerStatistics ZERO = new AnalyzerStatistics(0, 0, 0, 0, 0);

  public AnalyzerStatistics {
    java.util.Objects.requireNonNull(exemplars, "exemplars");
  }

  /** Statistics of an analyzer that has seen no traced scope. */
  public AnalyzerStatistics(
      long eventsProcessed,
      int trackedThreads,
      long untrackedStarts,
      long unpairedEnds,
      long overflowedEvents) {
    this(
        eventsProcessed,
        trackedThreads,
        untrackedStarts,
        unpairedEnds,
        overflowedEvents,
        ExemplarStatistics.ZERO);
  }
}
