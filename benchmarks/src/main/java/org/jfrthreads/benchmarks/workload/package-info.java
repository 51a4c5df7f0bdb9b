/**
 * Workloads the benchmarks drive, each a bounded {@code runOnce()}: contended monitors, lock
 * hand-offs, virtual-thread churn and mixed request-like work.
 */
package org.jfrthreads.benchmarks.workload;
