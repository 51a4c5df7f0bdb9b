package org.jfrthreads.stream;

import java.util.List;
import java.util.Objects;

/**
 * A traced scope closed on a thread: from when a span was made current there to when that scope
 * closed. The application commits one JFR event per scope ({@value #EVENT_NAME}, or OpenTelemetry's
 * contrib {@value #OPENTELEMETRY_EVENT_NAME}), so a blocking event of the same thread within it is
 * known to have happened for that span.
 *
 * <p>A scope's event is committed when the scope closes, after the blocking events inside it.
 *
 * @param threadId the {@code javaThreadId} of the thread that had the scope
 * @param epochNanos when the scope was attached
 * @param durationNanos how long it stayed attached
 * @param traceId the trace id, 32 lower-case hex digits as the application gave it
 * @param spanId the span id, 16 lower-case hex digits as the application gave it
 */
public record TraceScope(
    long threadId, long epochNanos, long durationNanos, String traceId, String spanId)
    implements ThreadEvent {

  /** The event of jfr-threads' own scope wrapper: fields {@code traceId} and {@code spanId}. */
  public static final String EVENT_NAME = "org.jfrthreads.TraceScope";

  /** The event of OpenTelemetry's contrib {@code jfr-events}, with the same two fields. */
  public static final String OPENTELEMETRY_EVENT_NAME = "io.opentelemetry.context.Scope";

  /** Both names: a source reads either. */
  public static final List<String> EVENT_NAMES = List.of(EVENT_NAME, OPENTELEMETRY_EVENT_NAME);

  public TraceScope {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
  }

  /** When the scope closed, in nanoseconds since the epoch. */
  public long endEpochNanos() {
    return epochNanos + durationNanos;
  }
}
