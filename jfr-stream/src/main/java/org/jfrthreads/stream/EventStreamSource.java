package org.jfrthreads.stream;

import java.time.Duration;
import java.time.Instant;
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
 */
abstract class EventStreamSource implements ThreadEventSource {

  private static final Logger log = LoggerFactory.getLogger(EventStreamSource.class);
  private static final AtomicInteger threadNumber = new AtomicInteger();
  private static final long ERROR_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private volatile ThreadEventSettings settings; // the current ones: started with, or applied
  private final SourceCounters counters = new SourceCounters();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final Object lifecycle = new Object();
  private EventStream stream; // guarded by lifecycle
  private boolean started; // guarded by lifecycle
  private boolean closed; // guarded by lifecycle
  private RecordedEventMapper mapper; // guarded by lifecycle
  private volatile long dispatchThreadId = -1;
  private long lastErrorLogNanos; // dispatch thread only

  EventStreamSource(ThreadEventSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Opens the stream, applying {@code settings} where the stream records itself.
   *
   * @throws ThreadEventSourceException naming the problem and the fix
   */
  abstract EventStream open(ThreadEventSettings settings);

  /** Whether event times are close to wall-clock time, so that delivery lag means something. */
  abstract boolean live();

  /**
   * Tells a running stream that records itself to record with {@code settings} from now on; returns
   * {@code false} if it cannot (the default: a file's events are what they are).
   */
  boolean applyToStream(EventStream stream, ThreadEventSettings settings) {
    return false;
  }

  /** Ends a running stream; a live one delivers what it holds first. */
  void stop(EventStream stream) {
    stream.close();
  }

  @Override
  public final void start(ThreadEventListener listener) {
    Objects.requireNonNull(listener, "listener");
    EventStream opened;
    RecordedEventMapper mapping;
    synchronized (lifecycle) {
      if (started || closed) {
        throw new IllegalStateException(
            description() + ": source already " + (closed ? "closed" : "started"));
      }
      started = true;
      try {
        opened = open(settings);
      } catch (RuntimeException error) {
        counters.error(error);
        terminated.countDown();
        throw error;
      }
      stream = opened;
      mapping = new RecordedEventMapper(settings, counters);
      mapper = mapping;
    }
    opened.setReuse(true);
    // Unordered delivery halves the heap JFR holds for many short-lived virtual threads; the
    // analyzer pairs an end that arrives before its start.
    opened.setOrdered(false);
    mapping.register(opened, listener);
    opened.onFlush(
        () -> {
          mapping.flushed();
          counters.flushed(live() ? RecordedEventMapper.epochNanos(Instant.now()) : -1);
          listener.onFlush();
        });
    opened.onError(this::streamError);
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

  // Called on the dispatch thread. A listener bug would fail on every event: log one line a
  // minute at most, and count them all.
  private void streamError(Throwable error) {
    counters.error(error);
    long now = System.nanoTime();
    if (lastErrorLogNanos == 0 || now - lastErrorLogNanos >= ERROR_LOG_INTERVAL_NANOS) {
      lastErrorLogNanos = now;
      log.warn(
          "jfr-threads: error in the event stream of {}: {} (more within a minute are only counted"
              + " in jfr_threads_stream_errors_total)",
          description(),
          error.toString());
    }
  }

  private void run(EventStream opened, ThreadEventListener listener) {
    try {
      opened.start();
    } catch (Throwable error) {
      if (!isClosed()) {
        counters.error(error);
        log.error(
            "jfr-threads: the event stream of {} stopped: {}", description(), error.toString());
      }
    } finally {
      counters.running(false);
      try {
        counters.flushed(-1);
        listener.onFlush();
      } catch (RuntimeException error) {
        counters.error(error);
      }
      terminated.countDown();
    }
  }

  private boolean isClosed() {
    synchronized (lifecycle) {
      return closed;
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
    }
    if (running == null) {
      terminated.countDown();
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
    synchronized (lifecycle) {
      if (closed) {
        return false;
      }
      if (stream != null && !applyToStream(stream, changed)) {
        return false;
      }
      // JFR may still deliver what it recorded under the old settings: the mapper filters that
      // out from its next event on.
      settings = changed;
      if (mapper != null) {
        mapper.apply(changed);
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
