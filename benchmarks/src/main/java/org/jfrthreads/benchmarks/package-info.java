/**
 * JMH benchmarks of jfr-threads against the alternatives (client_java's and Micrometer's thread
 * metrics, JFR's own stream), run by {@code ./jfr-threads bench}; {@code benchmarks/README.md} says
 * what each measures and {@code RESULTS.md} holds the last full run.
 */
package org.jfrthreads.benchmarks;
