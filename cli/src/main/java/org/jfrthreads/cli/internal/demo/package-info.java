/**
 * Not API: may change in any release; for jfr-threads' own command line only.
 *
 * <p>{@code jfr-threads demo}: a workload with contended monitors, parked and sleeping threads,
 * pinned virtual threads and a deliberate platform-thread leak, watched by the library so that
 * every metric family, rule and dashboard panel has something to show. Not part of the library.
 */
package org.jfrthreads.cli.internal.demo;
