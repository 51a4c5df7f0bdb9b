package org.jfrthreads.junit;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jfrthreads.stream.StackFrame;
import org.jfrthreads.stream.ThreadEnded;
import org.jfrthreads.stream.ThreadEvent;
import org.jfrthreads.stream.ThreadEventListener;
import org.jfrthreads.stream.ThreadEventSettings;
import org.jfrthreads.stream.ThreadEventSource;
import org.jfrthreads.stream.ThreadEventSourceException;
import org.jfrthreads.stream.ThreadEventSources;
import org.jfrthreads.stream.ThreadStarted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The creation stack of every live platform thread of this JVM, from the {@code jdk.ThreadStart}
 * events of a JFR stream that runs from the first check to the end of the JVM.
 *
 * <p>One per JVM ({@link #shared()}): starting JFR costs about a second once, and a thread's start
 * must be watched by whoever asks about it later. Events are added on the stream's dispatch thread;
 * {@link #creationStack} may be called from any thread.
 */
final class ThreadStartLog implements ThreadEventListener {

  private static final Logger log = LoggerFactory.getLogger(ThreadStartLog.class);

  // Blocking and pinned events cannot be turned off through ThreadEventSettings; a threshold no
  // test reaches keeps JFR from committing them, so that the stream costs only thread starts.
  private static final Duration NEVER = Duration.ofDays(365);
  private static final int MAX_ENDED_FIRST = 10_000;
  private static final long POLL_MILLIS = 20;

  private static volatile ThreadStartLog shared;

  private final Map<Long, List<StackFrame>> stacks = new ConcurrentHashMap<>();
  // Delivery is unordered: an end can come before its start. Dispatch thread only; bounded, since
  // the ends of threads started before the stream never meet a start.
  private final Set<Long> endedFirst = new LinkedHashSet<>();
  private final String unavailable;

  private ThreadStartLog(String unavailable) {
    this.unavailable = unavailable;
  }

  /** The log of this JVM, started on first use; starting may take a second. */
  static ThreadStartLog shared() {
    ThreadStartLog log = shared;
    if (log == null) {
      synchronized (ThreadStartLog.class) {
        log = shared;
        if (log == null) {
          log = start();
          shared = log;
        }
      }
    }
    return log;
  }

  private static ThreadStartLog start() {
    ThreadEventSettings settings =
        ThreadEventSettings.builder()
            .blockingThreshold(NEVER)
            .pinnedThreshold(NEVER)
            .virtualThreadLifecycle(false)
            .stackDepth(64)
            .build();
    ThreadEventSource source = ThreadEventSources.thisJvm(settings);
    ThreadStartLog started = new ThreadStartLog("");
    try {
      source.start(started);
      return started;
    } catch (ThreadEventSourceException | IllegalStateException e) {
      source.close();
      log.warn("jfr-threads: thread leak checks cannot name creation sites: {}", e.getMessage());
      return new ThreadStartLog(e.getMessage());
    }
  }

  /** Why creation sites are unknown, or {@code ""} when JFR records them. */
  String unavailable() {
    return unavailable;
  }

  @Override
  public void onEvent(ThreadEvent event) {
    switch (event) {
      case ThreadStarted started when !started.virtual() -> {
        if (!endedFirst.remove(started.threadId())) {
          stacks.put(started.threadId(), started.creationStack());
        }
      }
      case ThreadEnded ended when !ended.virtual() -> {
        if (stacks.remove(ended.threadId()) == null) {
          endedFirst.add(ended.threadId());
          if (endedFirst.size() > MAX_ENDED_FIRST) {
            endedFirst.remove(endedFirst.iterator().next());
          }
        }
      }
      default -> {}
    }
  }

  /**
   * The stack of the {@code start()} call that created a live platform thread, innermost frame
   * first, waiting up to {@code timeout} for JFR to deliver it (JFR delivers about once a second).
   *
   * @return empty if JFR is not running or did not deliver it in time
   */
  Optional<List<StackFrame>> creationStack(long threadId, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<StackFrame> stack = stacks.get(threadId);
      if (stack != null) {
        return Optional.of(stack);
      }
      if (!unavailable.isEmpty() || System.nanoTime() >= deadline) {
        return Optional.empty();
      }
      TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
    }
  }
}
