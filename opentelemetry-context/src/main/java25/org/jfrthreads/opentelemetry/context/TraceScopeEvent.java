package org.jfrthreads.opentelemetry.context;

import jdk.jfr.Category;
import jdk.jfr.Contextual;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One traced OpenTelemetry scope on one thread: begins when the context is attached, ends when its
 * scope is closed, committed on the thread that attached it (JFR's {@code eventThread}).
 *
 * <p>The JDK 25 variant, loaded from the multi-release jar: the ids are {@link Contextual}, so that
 * {@code jfr print} and other tools show them on the events that happen inside the scope on the
 * same thread. Keep it identical to the class in {@code src/main/java} but for that annotation.
 */
@Name(TraceScopeEvents.EVENT_NAME)
@Label("Trace Scope")
@Description("An OpenTelemetry span current on this thread, from attach to scope close")
@Category("jfr-threads")
@StackTrace(false)
final class TraceScopeEvent extends Event {

  @Contextual
  @Label("Trace Id")
  @Description("32 lower-case hex digits")
  String traceId;

  @Contextual
  @Label("Span Id")
  @Description("16 lower-case hex digits")
  String spanId;
}
