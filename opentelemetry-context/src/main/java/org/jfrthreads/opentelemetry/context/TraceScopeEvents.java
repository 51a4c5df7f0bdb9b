package org.jfrthreads.opentelemetry.context;

import io.opentelemetry.context.ContextStorage;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every OpenTelemetry scope that makes a span current on a thread as a JFR event, {@value
 * #EVENT_NAME}, with the span's {@code traceId} and {@code spanId}: jfr-threads joins the blocking
 * events of that thread inside the scope to the trace, as exemplars.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   TraceScopeEvents.install();   // first, before any span is made current
 *   ...
 * }
 * }</pre>
 *
 * <p>When it must run: OpenTelemetry builds its context storage once, at the first use of {@code
 * Context.current()}, {@code makeCurrent()} or {@code ContextStorage.get()}, from the wrappers
 * added until then, and ignores wrappers added later. So call {@link #install()} at the start of
 * {@code main}, before the SDK, a framework or a library touches the context; and add any wrapper
 * of your own before it, since {@code install()} builds the storage to check that the wrapper is
 * in. Code that adds its wrappers itself can add {@link #wrap} instead: {@code
 * ContextStorage.addWrapper(TraceScopeEvents::wrap)}.
 *
 * <p>The events cost almost nothing until a recording enables {@value #EVENT_NAME}; a recording
 * that does should give it a threshold (the shortest blocking event it cares about), so that
 * shorter scopes are timed and dropped without being written. The stack trace is off by default.
 *
 * <p>Threading: all methods are thread-safe; {@code install()} may be called more than once.
 *
 * @since 0.1.0
 */
public final class TraceScopeEvents {

  /** The JFR event name of a trace scope. */
  public static final String EVENT_NAME = "org.jfrthreads.TraceScope";

  private static final Logger LOG = LoggerFactory.getLogger(TraceScopeEvents.class);
  private static final AtomicBoolean ADDED = new AtomicBoolean();
  private static volatile boolean wrapped;
  private static volatile boolean wrapCalled;

  private TraceScopeEvents() {}

  /**
   * Adds the wrapper to OpenTelemetry's context storage and builds the storage. Never throws: when
   * the storage was built before, or JFR is not available, it logs a warning that says why and
   * returns {@code false}; the application runs on without the events.
   *
   * @return whether the context storage records trace scopes
   */
  public static boolean install() {
    if (ADDED.compareAndSet(false, true)) {
      ContextStorage.addWrapper(TraceScopeEvents::wrap);
    }
    ContextStorage.get();
    // When wrap() ran and JFR was missing, it has said so already.
    if (!wrapped && !wrapCalled) {
      LOG.warn(
          "OpenTelemetry's context storage was in use before TraceScopeEvents.install(): no {}"
              + " events, no trace ids on blocking metrics. Call install() at the start of main,"
              + " before anything makes a span current.",
          EVENT_NAME);
    }
    return wrapped;
  }

  /**
   * Whether the context storage records trace scopes: the wrapper was added in time.
   *
   * @return {@code true} once OpenTelemetry has built its storage with the wrapper
   */
  public static boolean isInstalled() {
    return wrapped;
  }

  /**
   * The wrapper itself, for {@code ContextStorage.addWrapper(TraceScopeEvents::wrap)}. When JFR is
   * not available in this JVM it logs a warning and returns the storage unchanged.
   *
   * @param storage the storage to wrap, not {@code null}
   * @return a storage that records trace scopes and otherwise delegates to {@code storage}
   */
  public static ContextStorage wrap(ContextStorage storage) {
    Objects.requireNonNull(storage, "storage");
    wrapCalled = true;
    try {
      ContextStorage traced = new TraceScopeStorage(storage);
      wrapped = true;
      return traced;
    } catch (LinkageError | RuntimeException e) {
      // EventType.getEventType throws when this JVM has no Flight Recorder.
      LOG.warn(
          "{}: JFR is not available in this JVM, so no {} events. Run on a JDK with Flight"
              + " Recorder.",
          e.toString(),
          EVENT_NAME);
      return storage;
    }
  }
}
