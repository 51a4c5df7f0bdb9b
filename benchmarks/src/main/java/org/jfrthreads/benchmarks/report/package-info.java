/** Turns JMH's JSON results into {@code benchmarks/RESULTS.md}. */
package org.jfrthreads.benchmarks.report;
