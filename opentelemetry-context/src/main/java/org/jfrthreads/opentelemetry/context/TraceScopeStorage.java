package org.jfrthreads.opentelemetry.context;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import jdk.jfr.EventType;

/**
 * A {@link ContextStorage} that times each attach of a context holding a valid span, until its
 * scope closes, as a {@link TraceScopeEvent}. Everything else goes to the storage it wraps.
 *
 * <p>Cost: when no recording enables the event, one read of the event type's enabled flag per
 * attach, nothing allocated. When enabled, an event and a scope object per traced attach; the ids
 * are read from the {@link SpanContext} only once JFR has said the scope is long enough to commit
 * ({@code shouldCommit()}, the event's threshold), so shorter scopes allocate no strings.
 *
 * <p>Thread-safe as the wrapped storage is: it keeps no state of its own.
 */
final class TraceScopeStorage implements ContextStorage {

  private static final EventType EVENT_TYPE = EventType.getEventType(TraceScopeEvent.class);

  private final ContextStorage delegate;

  TraceScopeStorage(ContextStorage delegate) {
    this.delegate = delegate;
  }

  @Override
  public Scope attach(Context toAttach) {
    if (!EVENT_TYPE.isEnabled() || toAttach == null) {
      return delegate.attach(toAttach);
    }
    Span span = Span.fromContextOrNull(toAttach);
    SpanContext spanContext = span == null ? null : span.getSpanContext();
    if (spanContext == null || !spanContext.isValid()) {
      return delegate.attach(toAttach);
    }
    Scope scope = delegate.attach(toAttach);
    TraceScopeEvent event = new TraceScopeEvent();
    event.begin();
    return new TracedScope(scope, event, spanContext, Thread.currentThread());
  }

  @Override
  public Context current() {
    return delegate.current();
  }

  @Override
  public Context root() {
    return delegate.root();
  }

  /** The wrapped storage's scope, and the event that times it. Used by one thread. */
  private static final class TracedScope implements Scope {

    private final Scope scope;
    private final TraceScopeEvent event;
    private final SpanContext spanContext;
    private final Thread attachingThread;
    private boolean closed;

    TracedScope(
        Scope scope, TraceScopeEvent event, SpanContext spanContext, Thread attachingThread) {
      this.scope = scope;
      this.event = event;
      this.spanContext = spanContext;
      this.attachingThread = attachingThread;
    }

    @Override
    public void close() {
      scope.close();
      // A scope closed twice, or on another thread (which OpenTelemetry reports as a bug of the
      // caller), gives no event: JFR would name the closing thread, and the join would be wrong.
      if (closed || Thread.currentThread() != attachingThread) {
        return;
      }
      closed = true;
      event.end();
      if (event.shouldCommit()) {
        event.traceId = spanContext.getTraceId();
        event.spanId = spanContext.getSpanId();
        event.commit();
      }
    }
  }
}
