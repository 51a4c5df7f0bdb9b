package org.jfrthreads.junit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The platform threads of this JVM, and marks that tell cheaply whether threads were made since.
 *
 * <p>Since JDK 19 a thread's id is taken from one counter when the {@code Thread} object is made,
 * platform and virtual alike: every thread made after a {@link #mark()} has a greater id, and no
 * thread was made when the ids taken since are all marks. The JVM also counts the platform threads
 * it started: when as many were started as ids were taken, no virtual thread can have been made,
 * and the costly thread dump that would find one is not needed. A mark costs one unstarted {@code
 * Thread} (about 3 µs), which is what lets a test that starts no thread pay next to nothing.
 */
final class LiveThreads {

  /** What was made since a mark. */
  enum Made {
    /** No thread. */
    NOTHING,
    /** Only platform threads, all of them started. */
    STARTED_PLATFORM_THREADS,
    /** Threads that may include virtual ones. */
    ANY
  }

  /**
   * A point in the sequence of thread ids.
   *
   * @param threadId greater than the id of every thread made before
   * @param marks marks taken so far in this JVM, this one included
   * @param platformStarted platform threads the JVM started so far
   */
  record Mark(long threadId, long marks, long platformStarted) {}

  private static final Runnable NOTHING = () -> {};
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final AtomicLong marks = new AtomicLong();

  // Thread groups of the JDK's own threads: carriers of virtual threads and their delay scheduler
  // ("CarrierThreads"), the cleaner and virtual-thread unparker or unblocker
  // ("InnocuousThreadGroup"), the attach listener and other JVM threads ("system").
  private static final Set<String> JDK_GROUPS =
      Set.of("system", "CarrierThreads", "InnocuousThreadGroup");

  private LiveThreads() {}

  /** A mark: threads made after it have greater ids than {@link Mark#threadId()}. */
  static Mark mark() {
    long platformStarted = THREADS.getTotalStartedThreadCount();
    long taken = marks.incrementAndGet();
    long id =
        Thread.ofPlatform().inheritInheritableThreadLocals(false).unstarted(NOTHING).threadId();
    return new Mark(id, taken, platformStarted);
  }

  /** What was made since {@code mark}: costs one more mark. */
  static Made madeSince(Mark mark) {
    Mark now = mark();
    long made = now.threadId() - mark.threadId() - (now.marks() - mark.marks());
    if (made <= 0) {
      return Made.NOTHING;
    }
    return now.platformStarted() - mark.platformStarted() >= made
        ? Made.STARTED_PLATFORM_THREADS
        : Made.ANY;
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
