package org.jfrthreads.junit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The platform threads of this JVM, and a mark in the sequence of thread ids.
 *
 * <p>Since JDK 19 a thread's id is taken from one counter when the {@code Thread} object is made,
 * platform and virtual alike: every thread made after a {@link #mark()} has a greater id, and no
 * thread at all was made when the next mark follows the last one. That costs one unstarted {@code
 * Thread}, which is what lets a test that starts no thread pay next to nothing.
 */
final class LiveThreads {

  private static final Runnable NOTHING = () -> {};

  // Thread groups of the JDK's own threads: carriers of virtual threads and their delay scheduler
  // ("CarrierThreads"), the cleaner and virtual-thread unparker or unblocker
  // ("InnocuousThreadGroup"), the attach listener and other JVM threads ("system").
  private static final Set<String> JDK_GROUPS =
      Set.of("system", "CarrierThreads", "InnocuousThreadGroup");

  private LiveThreads() {}

  /** An id greater than that of every thread made before, smaller than any made after. */
  static long mark() {
    return Thread.ofPlatform().inheritInheritableThreadLocals(false).unstarted(NOTHING).threadId();
  }

  /** Whether a thread was made since {@code mark}: costs one more mark. */
  static boolean anyMadeSince(long mark) {
    return mark() != mark + 1;
  }

  /** The live platform threads. */
  static List<Thread> platform() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int count;
    while ((count = root.enumerate(threads, true)) == threads.length) {
      threads = new Thread[threads.length * 2];
    }
    return new ArrayList<>(Arrays.asList(threads).subList(0, count));
  }

  /**
   * Whether a thread belongs to the JDK: a carrier of virtual threads, a worker of the common pool,
   * a system thread. The JDK starts them on demand, from whatever code needed them first, and keeps
   * them; they are nobody's leak.
   */
  static boolean ownedByJdk(Thread thread) {
    if (thread instanceof ForkJoinWorkerThread worker
        && worker.getPool() == ForkJoinPool.commonPool()) {
      return true;
    }
    if (thread.getClass().getName().startsWith("jdk.internal.")) {
      return true;
    }
    ThreadGroup group = thread.getThreadGroup();
    return group != null && JDK_GROUPS.contains(group.getName());
  }
}
