package org.jfrthreads.analyzer;

/**
 * What became of the blocking and pinned events held back for the scope that will name their trace
 * ({@link TraceExemplar}). Nothing is held back, and all stay zero, until a traced scope is seen.
 *
 * @param scopes traced scopes seen
 * @param held events waiting now for their scope
 * @param matched events whose scope came: they are an exemplar of their histogram
 * @param withoutScope events no scope covered within the wait ({@link
 *     AnalyzerConfig#exemplarWait()}): blocking outside any traced request, or a scope that closed
 *     later than the wait
 * @param dropped events not held back because {@link AnalyzerConfig#maxExemplarCandidates()} events
 *     already were; counted in their histogram all the same
 */
public record ExemplarStatistics(
    long scopes, long held, long matched, long withoutScope, long dropped) {

  public static final ExemplarStatistics ZERO = new ExemplarStatistics(0, 0, 0, 0, 0);
}
