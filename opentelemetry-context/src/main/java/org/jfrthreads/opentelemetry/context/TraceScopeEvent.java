package org.jfrthreads.opentelemetry.context;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One traced OpenTelemetry scope on one thread: begins when the context is attached, ends when its
 * scope is closed, committed on the thread that attached it (JFR's {@code eventThread}).
 *
 * <p>The name and the fields are a contract with the readers of recordings; keep them. This is the
 * class JDK 21 to 24 load; JDK 25 and later load the copy in {@code src/main/java25}, whose id
 * fields are {@code @jdk.jfr.Contextual}, from the multi-release jar. Change both together.
 */
@Name(TraceScopeEvents.EVENT_NAME)
@Label("Trace Scope")
@Description("An OpenTelemetry span current on this thread, from attach to scope close")
@Category("jfr-threads")
@StackTrace(false)
final class TraceScopeEvent extends Event {

  @Label("Trace Id")
  @Description("32 lower-case hex digits")
  String traceId;

  @Label("Span Id")
  @Description("16 lower-case hex digits")
  String spanId;
}
