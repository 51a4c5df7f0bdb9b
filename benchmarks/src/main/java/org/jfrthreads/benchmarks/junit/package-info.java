/** The cost of jfr-threads-junit's leak check on suites of trivial tests, with and without it. */
package org.jfrthreads.benchmarks.junit;
