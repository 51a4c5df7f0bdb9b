package org.jfrthreads.benchmarks.workload;

/**
 * A bounded piece of multi-threaded work, run again and again under different recordings.
 *
 * <p>{@link #runOnce()} is called from one thread at a time; it returns when all the work it
 * started has finished, so nothing of one run leaks into the next.
 */
public interface Workload extends AutoCloseable {

  /** Does one unit of work and returns a value derived from it, for the caller to consume. */
  long runOnce() throws Exception;

  /** Virtual threads started by all runs so far, to compare with what a recording saw. */
  default long virtualThreadsStarted() {
    return 0;
  }

  /** Stops the threads the workload keeps between runs. */
  @Override
  void close();
}
