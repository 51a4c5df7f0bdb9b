package org.jfrthreads.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.consumer.EventStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ThreadEventSource} over any JFR {@link EventStream}: subclasses only open the stream.
 *
 * <p>The stream runs in {@link EventStream#start()} on a daemon thread of its own rather than in
 * {@link EventStream#startAsync()}, whose dispatch thread is not a daemon and would keep the
 * watched JVM alive after its {@code main} returns.
 *
 * <p>A source that {@linkplain #restartsItself() restarts itself} opens a new stream on the same
 * dispatch thread when one ends without {@link #close()}: the old stream has ended before the new
 * one starts, so the listener never sees two at once, and the counters go on from where they were.
 * Each stream is opened with the settings current at that moment ({@link #settings()}), never a
 * copy taken at start.
 */
abstract class EventStreamSource implements ThreadEventSource {

  static final String DATA_LOSS = "jdk.DataLoss";

  private static final Logger log = LoggerFactory.getLogger(EventStreamSource.class);
  private static final AtomicInteger threadNumber = new AtomicInteger();
  private static final long ERROR_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  // A restart waits 1 s, then twice as long after each failed attempt or short-lived stream, up to
  // a minute: someone who keeps stopping the recording costs one restart a minute, not a loop.
  private static final Duration FIRST_RESTART_DELAY = Duration.ofSeconds(1);
  private static final Duration MAX_RESTART_DELAY = Duration.ofMinutes(1);

  private final ThreadEventSettings configured; // what each mapper registers for
  private volatile ThreadEventSettings settings; // the current ones: started with, or applied
  // Serializes settings changes with the opening of a stream, so that none is missed; JFR never
  // calls the source back holding it, so it may be held while JFR is told.
  private final Object settingsLock = new Object();
  private final SourceCounters counters = new SourceCounters();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final Object lifecycle = new Object();
  private EventStream stream; // guarded by lifecycle: the running stream, null between two
  private boolean started; // guarded by lifecycle
  private boolean closed; // guarded by lifecycle
  private volatile String endCause; // why the running stream is ending, when someone else ends it
  private RecordedEventMapper mapper; // guarded by lifecycle: the running stream's
  private volatile long dispatchThreadId = -1;
  private long lastErrorLogNanos; // dispatch thread only

  EventStreamSource(ThreadEventSettings settings) {
    this.configured = Objects.requireNonNull(settings, "settings");
    this.settings = settings;
  }

  /**
   * Opens a stream, applying {@code settings} where the stream records itself; called once per
   * stream, from {@link #start} under the source's lock, then from the dispatch thread for each
   * restart, never two at once.
   *
   * @throws ThreadEventSourceException naming the problem and the fix
   */
  abstract EventStream open(ThreadEventSettings settings);

  /** Whether event times are close to wall-clock time, so that delivery lag means something. */
  abstract boolean live();

  /**
   * Whether a stream that ends without {@link #close()} is opened again (with backoff): a recording
   * of this JVM that someone else stopped, yes; the end of a file, no.
   */
  boolean restartsItself() {
    return false;
  }

  /**
   * Tells a running stream that records itself to record with {@code settings} from now on; returns
   * {@code false} if it cannot (the default: a file's events are what they are). A stream that has
   * ended meanwhile needs nothing: the one opened after it reads the new settings by itself.
   */
  boolean applyToStream(EventStream stream, ThreadEventSettings settings) {
    return false;
  }

  /** Ends a running stream; a live one delivers what it holds first. */
  void stop(EventStream stream) {
    stream.close();
  }

  /**
   * After each flush of the stream, on the dispatch thread, with the events received so far by
   * every stream of this source; must not throw.
   */
  void flushed(long receivedSoFar) {}

  /** Called once when the source has ended, on whatever thread ended it. */
  void ended() {}

  /** The JFR settings a stream records with: the thread events, and JFR's reports of lost data. */
  static Map<String, String> jfrSettings(ThreadEventSettings settings) {
    Map<String, String> jfr = new LinkedHashMap<>(settings.toJfrSettings());
    jfr.put(DATA_LOSS + "#enabled", "true");
    return jfr;
  }

  /** The settings in force: those the next stream opens with. */
  final ThreadEventSettings settings() {
    return settings;
  }

  @Override
  public final void start(ThreadEventListener listener) {
    Objects.requireNonNull(listener, "listener");
    EventStream opened;
    synchronized (settingsLock) {
      synchronized (lifecycle) {
        if (started || closed) {
          throw new IllegalStateException(
              description() + ": source already " + (closed ? "closed" : "started"));
        }
        started = true;
        Opened first;
        try {
          first = openStream(listener);
        } catch (RuntimeException error) {
          counters.error(error);
          ended();
          terminated.countDown();
          throw error;
        }
        opened = first.stream();
        stream = opened;
        mapper = first.mapper();
      }
    }
    Thread dispatch =
        Thread.ofPlatform()
            .daemon()
            .name("jfr-threads-stream-" + threadNumber.incrementAndGet())
            .unstarted(() -> run(opened, listener));
    counters.running(true);
    dispatchThreadId = dispatch.threadId();
    dispatch.start();
    awaitStarted();
  }

  /** Returns once the stream records, so that what the caller does next is seen; may wait. */
  void awaitStarted() {}

  private record Opened(EventStream stream, RecordedEventMapper mapper) {}

  // Runs first from start(), then on the dispatch thread, which has no stream running then: the
  // counters' registration is confined to one thread at a time. Holding settingsLock, so that the
  // stream and its mapper start with the settings in force and no change slips in between.
  private Opened openStream(ThreadEventListener listener) {
    ThreadEventSettings current = settings;
    EventStream opened = open(current);
    opened.setReuse(true);
    // Unordered delivery halves the heap JFR holds for many short-lived virtual threads; the
    // analyzer pairs an end that arrives before its start.
    opened.setOrdered(false);
    // Registered for what the source was configured with, then filtering by the current settings:
    // lifecycle events shed now can come back later on this stream too.
    RecordedEventMapper mapping = new RecordedEventMapper(configured, counters);
    mapping.apply(current);
    mapping.register(opened, listener);
    opened.onEvent(DATA_LOSS, event -> counters.dataLost(event.getLong("amount")));
    opened.onFlush(
        () -> {
          mapping.flushed();
          counters.flushed(live() ? RecordedEventMapper.epochNanos(Instant.now()) : -1);
          listener.onFlush();
          flushed(counters.receivedSoFar());
        });
    opened.onError(this::streamError);
    return new Opened(opened, mapping);
  }

  /**
   * The recording of a restarted stream runs: the source is up again. A source that {@linkplain
   * #restartsItself() restarts itself} calls this, from any thread; until then, events would be
   * missed and it is reported down.
   */
  final void recordingStarted() {
    synchronized (lifecycle) {
      if (!closed && stream != null) {
        counters.running(true);
      }
    }
  }

  /**
   * Someone else is ending the running stream (for example, stopped its recording): the source is
   * down from now on, and {@code cause} is what the log says when the stream has ended. With {@code
   * closeStream}, closes the stream too, for a stream that would otherwise wait for ever.
   */
  final void endedFromOutside(String cause, boolean closeStream) {
    EventStream running;
    synchronized (lifecycle) {
      if (closed || stream == null) {
        return;
      }
      endCause = cause;
      counters.running(false);
      running = stream;
    }
    if (closeStream) {
      running.close();
    }
  }

  // Called on the dispatch thread. A listener bug would fail on every event: log one line a
  // minute at most, and count them all.
  private void streamError(Throwable error) {
    counters.error(error);
    if (errorLogDue()) {
      log.warn(
          "jfr-threads: error in the event stream of {}: {} (more within a minute are only counted"
              + " in jfr_threads_stream_errors_total)",
          description(),
          error.toString());
    }
  }

  private boolean errorLogDue() {
    long now = System.nanoTime();
    if (lastErrorLogNanos == 0 || now - lastErrorLogNanos >= ERROR_LOG_INTERVAL_NANOS) {
      lastErrorLogNanos = now;
      return true;
    }
    return false;
  }

  private void run(EventStream first, ThreadEventListener listener) {
    EventStream current = first;
    Duration delay = FIRST_RESTART_DELAY;
    try {
      while (current != null) {
        long startedNanos = System.nanoTime();
        String cause = runToEnd(current);
        if (cause == null || !restartsItself() || shuttingDown()) {
          return;
        }
        publish(listener);
        if (System.nanoTime() - startedNanos > MAX_RESTART_DELAY.toNanos()) {
          delay = FIRST_RESTART_DELAY;
        }
        log.warn(
            "jfr-threads: watching {} stopped: {}. Restarting its recording in {} s"
                + " (jfr_threads_stream_restarts_total counts restarts).",
            description(),
            cause,
            delay.toSeconds());
        current = reopen(listener, delay);
        delay = longer(delay);
      }
    } finally {
      counters.running(false);
      publish(listener);
      ended();
      terminated.countDown();
    }
  }

  /** Runs {@code opened} until it ends; returns why, or {@code null} if the source was closed. */
  private String runToEnd(EventStream opened) {
    Throwable failure = null;
    try {
      opened.start();
    } catch (Throwable error) {
      failure = error;
    }
    counters.running(false);
    boolean closedByUs;
    synchronized (lifecycle) {
      stream = null; // first: closing the stream below is not someone else's doing
      mapper = null;
      closedByUs = closed;
    }
    if (closedByUs) {
      return null; // close() closes it once stop() has returned
    }
    try {
      // A recording someone else only stopped would otherwise stay, holding its chunk files.
      opened.close();
    } catch (RuntimeException error) {
      log.debug("jfr-threads: closing an ended event stream: {}", error.toString());
    }
    String cause = endCause;
    endCause = null;
    if (cause != null) {
      return cause;
    }
    if (failure == null) {
      return restartsItself() ? "its event stream ended" : null;
    }
    counters.error(failure);
    if (!restartsItself()) {
      log.error(
          "jfr-threads: the event stream of {} stopped: {}", description(), failure.toString());
    }
    return "its event stream failed: " + failure;
  }

  /**
   * Opens a new stream after {@code delay}, doubling the delay after each failed attempt; returns
   * {@code null} if the source is closed first.
   */
  private EventStream reopen(ThreadEventListener listener, Duration delay) {
    while (true) {
      if (!awaitUnlessClosed(delay)) {
        return null;
      }
      Opened reopened;
      synchronized (settingsLock) {
        try {
          // Outside lifecycle: JFR calls the source back holding its own lock, never the other way.
          reopened = openStream(listener);
        } catch (RuntimeException error) {
          reopened = null;
          counters.error(error);
          delay = longer(delay);
          if (errorLogDue()) {
            log.warn(
                "jfr-threads: cannot restart the recording of {}: {}. Trying again in {} s.",
                description(),
                error.getMessage(),
                delay.toSeconds());
          }
        }
        if (reopened != null) {
          synchronized (lifecycle) {
            if (!closed) {
              stream = reopened.stream();
              mapper = reopened.mapper();
              counters.restarted();
              // up again once its recording runs: see recordingStarted()
              return reopened.stream();
            }
          }
        }
      }
      if (reopened == null) {
        continue;
      }
      reopened.stream().close();
      return null;
    }
  }

  private static Duration longer(Duration delay) {
    Duration doubled = delay.multipliedBy(2);
    return doubled.compareTo(MAX_RESTART_DELAY) > 0 ? MAX_RESTART_DELAY : doubled;
  }

  /** Waits {@code delay}; returns {@code false} at once if the source is or gets closed. */
  private boolean awaitUnlessClosed(Duration delay) {
    long deadline = System.nanoTime() + delay.toNanos();
    synchronized (lifecycle) {
      try {
        for (long left = delay.toNanos();
            !closed && left > 0;
            left = deadline - System.nanoTime()) {
          TimeUnit.NANOSECONDS.timedWait(lifecycle, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      return !closed;
    }
  }

  // The analyzer publishes at each flush: one after a stream ends makes its last events visible.
  private void publish(ThreadEventListener listener) {
    try {
      counters.flushed(-1);
      listener.onFlush();
    } catch (RuntimeException error) {
      counters.error(error);
    }
  }

  final boolean isClosed() {
    synchronized (lifecycle) {
      return closed;
    }
  }

  /**
   * Whether the JVM is exiting: JFR stops every recording then, and that is no reason to restart
   * one. Registering a shutdown hook is the one public way to ask: it fails once exit has begun.
   */
  static boolean shuttingDown() {
    Thread probe = new Thread(() -> {});
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException exiting) {
      return true;
    }
  }

  @Override
  public final boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public final void close() {
    EventStream running;
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      running = stream;
      lifecycle.notifyAll(); // a dispatch thread waiting to restart ends now
      if (!started) {
        ended();
        terminated.countDown();
        return;
      }
    }
    if (running == null) {
      return;
    }
    try {
      stop(running);
    } catch (RuntimeException error) {
      log.warn("jfr-threads: closing the event stream of {}: {}", description(), error.toString());
    } finally {
      running.close();
    }
  }

  @Override
  public final boolean applySettings(ThreadEventSettings changed) {
    Objects.requireNonNull(changed, "settings");
    synchronized (settingsLock) {
      EventStream running;
      synchronized (lifecycle) {
        if (closed) {
          return false;
        }
        running = stream;
      }
      // Outside lifecycle: JFR calls the source back holding its own lock, never the other way.
      if (running != null && !applyToStream(running, changed)) {
        return false;
      }
      synchronized (lifecycle) {
        // Every stream opened from now on, a restarted one too, opens with them. JFR may still
        // deliver what it recorded under the old settings: the mapper filters that out from its
        // next event on.
        settings = changed;
        if (mapper != null) {
          mapper.apply(changed);
        }
      }
      return true;
    }
  }

  @Override
  public final long dispatchThreadId() {
    return dispatchThreadId;
  }

  @Override
  public final SourceStatistics statistics() {
    return counters.statistics();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + description() + "]";
  }
}
