package org.jfrthreads.junit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jfrthreads.analyzer.AnalyzerConfig;
import org.jfrthreads.analyzer.internal.ApplicationFrames;
import org.jfrthreads.junit.ThreadDump.DumpedThread;
import org.jfrthreads.stream.StackFrame;

/**
 * Finds the threads made since a {@link LiveThreads#mark()} that outlive a grace period, and
 * describes them.
 *
 * <p>Safe to use from several threads. A thread is examined once: after it was reported or ignored,
 * later checks pass over it, so that a class-level check does not report again what a test's check
 * did, and a leak fails one test only.
 */
final class LeakCheck {

  /**
   * How long to wait for JFR to deliver the starts of leaked threads, all together: JFR delivers
   * once a second, later on a machine that is busy.
   */
  static final Duration CREATION_SITE_WAIT = Duration.ofSeconds(5);

  static final String VIRTUAL_CREATION_UNKNOWN =
      "not recorded (JFR records no stack of the start of a virtual thread)";

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final int FRAMES_SHOWN = 3;

  private final ThreadStartLog starts;
  private final ApplicationFrames applicationFrames =
      new ApplicationFrames(AnalyzerConfig.DEFAULT_LIBRARY_PACKAGES);
  private final Set<Long> examined = ConcurrentHashMap.newKeySet();

  LeakCheck(ThreadStartLog starts) {
    this.starts = starts;
  }

  /**
   * The threads made since {@code mark} that are still alive once the grace period of {@code
   * settings} has passed, less those it ignores. Returns at once when no thread was made, and takes
   * no thread dump when all that were made are started platform threads.
   */
  List<LeakedThread> run(LiveThreads.Mark mark, LeakCheckSettings settings)
      throws IOException, InterruptedException {
    LiveThreads.Made made = LiveThreads.madeSince(mark);
    if (made == LiveThreads.Made.NOTHING) {
      return List.of();
    }
    boolean dump = made == LiveThreads.Made.ANY;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.graceMillis());
    while (true) {
      Alive alive = alive(mark.threadId(), settings, dump);
      if (alive.isEmpty()) {
        return List.of();
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return describe(alive, settings);
      }
      long wait = Math.min(remaining, POLL_NANOS);
      if (alive.platform().isEmpty()) {
        TimeUnit.NANOSECONDS.sleep(wait);
      } else {
        alive.platform().get(0).join(Duration.ofNanos(wait));
      }
    }
  }

  private record Alive(List<Thread> platform, List<DumpedThread> virtual) {
    boolean isEmpty() {
      return platform.isEmpty() && virtual.isEmpty();
    }
  }

  private Alive alive(long mark, LeakCheckSettings settings, boolean dump) throws IOException {
    Set<Long> platformIds = new HashSet<>();
    List<Thread> before = LiveThreads.platform();
    before.forEach(thread -> platformIds.add(thread.threadId()));
    List<DumpedThread> dumped = dump ? ThreadDump.take() : List.of();
    if (dump) {
      LiveThreads.platform().forEach(thread -> platformIds.add(thread.threadId()));
    }
    // JDK 21's dump does not say which threads are virtual: those that are not platform threads,
    // live before or after the dump, are.
    boolean marksVirtual = dumped.stream().anyMatch(DumpedThread::markedVirtual);

    List<Thread> platform = new ArrayList<>();
    for (Thread thread : before) {
      if (thread.threadId() > mark
          && thread.isAlive()
          && !LiveThreads.ownedByJdk(thread)
          && !examined.contains(thread.threadId())
          && !ignoredByName(thread.threadId(), thread.getName(), settings)) {
        platform.add(thread);
      }
    }
    List<DumpedThread> virtual = new ArrayList<>();
    for (DumpedThread thread : dumped) {
      boolean isVirtual =
          marksVirtual ? thread.markedVirtual() : !platformIds.contains(thread.id());
      if (isVirtual
          && thread.id() > mark
          && !examined.contains(thread.id())
          && !ignoredByName(thread.id(), thread.name(), settings)) {
        virtual.add(thread);
      }
    }
    return new Alive(platform, virtual);
  }

  // An ignored thread counts as examined, so that the check of the class, whose settings may not
  // ignore it, does not report it after the test's check let it be.
  private boolean ignoredByName(long id, String name, LeakCheckSettings settings) {
    if (settings.ignoresName(name)) {
      examined.add(id);
      return true;
    }
    return false;
  }

  private List<LeakedThread> describe(Alive alive, LeakCheckSettings settings)
      throws InterruptedException {
    List<LeakedThread> leaks = new ArrayList<>();
    long siteDeadline = System.nanoTime() + CREATION_SITE_WAIT.toNanos();
    for (Thread thread : alive.platform()) {
      examined.add(thread.threadId());
      Duration wait = Duration.ofNanos(Math.max(0, siteDeadline - System.nanoTime()));
      Optional<List<StackFrame>> creation = starts.creationStack(thread.threadId(), wait);
      String createdBy = creation.map(this::creationSite).orElseGet(this::creationUnknown);
      if (creation.isPresent() && settings.ignoresSite(createdBy)) {
        continue;
      }
      List<Frame> stack = new ArrayList<>();
      for (StackTraceElement element : thread.getStackTrace()) {
        stack.add(Frame.of(element));
      }
      if (!thread.isAlive()) {
        continue;
      }
      leaks.add(
          new LeakedThread(
              thread.threadId(),
              false,
              thread.getName(),
              thread.getState().name(),
              createdBy,
              "",
              shown(stack)));
    }
    for (DumpedThread thread : alive.virtual()) {
      examined.add(thread.id());
      List<Frame> stack = thread.stack().stream().map(Frame::of).toList();
      if (settings.ignoresSite(task(stack))) {
        continue;
      }
      leaks.add(
          new LeakedThread(
              thread.id(),
              true,
              thread.name(),
              thread.state(),
              VIRTUAL_CREATION_UNKNOWN,
              thread.container(),
              shown(stack)));
    }
    return leaks;
  }

  private String creationSite(List<StackFrame> stack) {
    for (StackFrame frame : stack) {
      if (applicationFrames.isApplication(frame.className())) {
        return ApplicationFrames.label(frame.className(), frame.methodName());
      }
    }
    return stack.isEmpty()
        ? "unknown (JFR recorded no stack)"
        : "unknown (no application frame below " + stack.get(0) + ")";
  }

  private String creationUnknown() {
    return starts.unavailable().isEmpty()
        ? "unknown (JFR did not deliver its start within " + CREATION_SITE_WAIT.toSeconds() + " s)"
        : "unknown (" + starts.unavailable() + ")";
  }

  // The outermost application frame: the code a virtual thread was started to run.
  private String task(List<Frame> stack) {
    for (int i = stack.size() - 1; i >= 0; i--) {
      Frame frame = stack.get(i);
      if (applicationFrames.isApplication(frame.className())) {
        return ApplicationFrames.label(frame.className(), frame.methodName());
      }
    }
    return "";
  }

  // The innermost application frames; the innermost frames when none is the application's (a
  // pool worker waiting for a task), which says as much.
  private List<String> shown(List<Frame> stack) {
    List<String> shown = new ArrayList<>();
    for (Frame frame : stack) {
      if (applicationFrames.isApplication(frame.className()) && shown.size() < FRAMES_SHOWN) {
        shown.add(frame.text());
      }
    }
    if (shown.isEmpty()) {
      stack.stream().limit(FRAMES_SHOWN).forEach(frame -> shown.add(frame.text()));
    }
    return shown;
  }

  /** One frame of a live stack: {@code Class.method(File.java:12)}. */
  private record Frame(String className, String methodName, String text) {

    static Frame of(StackTraceElement element) {
      return of(element.toString());
    }

    /** From {@code StackTraceElement.toString()}: drops the class loader and module names. */
    static Frame of(String element) {
      int paren = element.indexOf('(');
      String method = paren < 0 ? element : element.substring(0, paren);
      int slash = method.lastIndexOf('/');
      String text = element.substring(slash + 1);
      method = method.substring(slash + 1);
      int dot = method.lastIndexOf('.');
      return dot < 0
          ? new Frame(method, "", text)
          : new Frame(method.substring(0, dot), method.substring(dot + 1), text);
    }
  }
}
