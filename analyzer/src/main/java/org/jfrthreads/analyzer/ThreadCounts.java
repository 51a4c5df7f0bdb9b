package org.jfrthreads.analyzer;

/**
 * Threads of one kind started and ended since watching began, and alive now.
 *
 * @param started starts seen
 * @param ended ends seen
 * @param live threads alive: those alive when watching began (as far as known) plus started minus
 *     ended, never below zero
 */
public record ThreadCounts(long started, long ended, long live) {

  public static final ThreadCounts ZERO = new ThreadCounts(0, 0, 0);
}
