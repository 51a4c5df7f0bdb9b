package org.jfrthreads.exporter;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the HTTP exchanges of one {@link MetricsEndpoint}: each on a virtual thread of its own, at
 * most {@code maxExchanges} at once, each cut off after {@code timeout}.
 *
 * <p>The JDK's server reads a request's line and headers on the executor's thread, blocking. With a
 * small pool of platform threads, a few clients that send half a request and wait hold every
 * thread, and then the server's dispatcher, which waits for a free one, stops accepting: {@code
 * /metrics} is down for as long as they wait. Here a held request costs one parked virtual thread,
 * the dispatcher never waits (beyond {@code maxExchanges} a new exchange is refused and its
 * connection closed), and an exchange still running at its deadline is interrupted, which closes
 * its channel. The JDK's own timeouts ({@code sun.net.httpserver.maxReqTime} and others) are system
 * properties read once per JVM: setting them would change every {@code HttpServer} of the
 * application, so this endpoint keeps its limits to itself.
 *
 * <p>Thread-safe. {@link #execute} is called by the server's dispatcher thread.
 */
final class ExchangeExecutor implements Executor, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ExchangeExecutor.class);
  private static final long REFUSAL_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final int maxExchanges;
  private final Semaphore slots;
  private final long timeoutNanos;
  private final ThreadFactory exchanges = Thread.ofVirtual().name("jfr-threads-http-", 0).factory();
  private final ScheduledThreadPoolExecutor deadlines;
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong timedOut = new AtomicLong();
  private final AtomicLong lastRefusalLogNanos =
      new AtomicLong(System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS);

  ExchangeExecutor(int maxExchanges, Duration timeout) {
    this.maxExchanges = maxExchanges;
    this.slots = new Semaphore(maxExchanges);
    this.timeoutNanos = timeout.toNanos();
    this.deadlines =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "jfr-threads-http-deadlines");
              thread.setDaemon(true);
              return thread;
            });
    deadlines.setRemoveOnCancelPolicy(true);
  }

  /**
   * Starts {@code exchange} on a virtual thread of its own.
   *
   * @throws RejectedExecutionException if {@code maxExchanges} exchanges run already; the server
   *     then closes the connection
   */
  @Override
  public void execute(Runnable exchange) {
    if (!slots.tryAcquire()) {
      logRefusal(refused.incrementAndGet());
      throw new RejectedExecutionException("too many HTTP exchanges at once");
    }
    try {
      exchanges.newThread(() -> runWithDeadline(exchange)).start();
    } catch (RuntimeException | Error e) {
      slots.release();
      throw e;
    }
  }

  private void runWithDeadline(Runnable exchange) {
    ScheduledFuture<?> deadline = interruptAtDeadline(Thread.currentThread());
    try {
      exchange.run();
    } finally {
      // A deadline that fires after this point interrupts a thread that is about to end.
      if (deadline != null) {
        deadline.cancel(false);
      }
      slots.release();
    }
  }

  /** Interrupts {@code thread} after the timeout; {@code null} once closed (the server stops). */
  private ScheduledFuture<?> interruptAtDeadline(Thread thread) {
    try {
      return deadlines.schedule(
          () -> {
            timedOut.incrementAndGet();
            // Interrupting a thread blocked on a SocketChannel closes the channel.
            thread.interrupt();
          },
          timeoutNanos,
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closed) {
      return null;
    }
  }

  private void logRefusal(long total) {
    long now = System.nanoTime();
    long last = lastRefusalLogNanos.get();
    if (now - last >= REFUSAL_LOG_INTERVAL_NANOS && lastRefusalLogNanos.compareAndSet(last, now)) {
      log.warn(
          "jfr-threads: /metrics refused a connection: {} requests were being served already ({}"
              + " refused so far). Clients that send requests slowly, or never finish them, hold"
              + " the endpoint; each is cut off after its timeout. Bind the endpoint to a private"
              + " address (httpHost) or require authentication.",
          maxExchanges,
          total);
    }
  }

  /** Exchanges running now. */
  int running() {
    return maxExchanges - slots.availablePermits();
  }

  /** Exchanges refused because {@code maxExchanges} were running. */
  long refused() {
    return refused.get();
  }

  /** Exchanges interrupted at their deadline. */
  long timedOut() {
    return timedOut.get();
  }

  @Override
  public void close() {
    deadlines.shutdownNow();
  }
}
