/** Heap retained by the pipeline and disk used by JFR's repository under virtual-thread churn. */
package org.jfrthreads.benchmarks.memory;
