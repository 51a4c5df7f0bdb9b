package org.jfrthreads.analyzer;

import java.util.Objects;

/**
 * Live threads of one kind created at one site.
 *
 * <p>Threads a JDK pool starts on demand count under the application frame whose call made the pool
 * start them: the carrier threads of virtual threads, for example, under the code that started the
 * first virtual threads.
 *
 * @param threadKind platform or virtual threads
 * @param site {@code Class.method} of the first application frame of the {@code jdk.ThreadStart}
 *     stack; {@code "unknown"} when the start had no application frame or no stack (virtual threads
 *     on JDK 25: {@code jdk.VirtualThreadStart} carries no usable stack), {@code "other"} for the
 *     sites outside the top N
 * @param live threads of that kind and site started and not yet ended, among the threads followed
 *     for their lifetime (see {@link AnalyzerStatistics#trackedThreads()})
 */
public record SiteLiveCount(ThreadKind threadKind, String site, long live) {

  public SiteLiveCount {
    Objects.requireNonNull(threadKind, "threadKind");
    Objects.requireNonNull(site, "site");
    if (live < 0) {
      throw new IllegalArgumentException(live + ": illegal live count. Expecting 0 or more.");
    }
  }
}
