/**
 * The trace context of the watched application, as JFR events: each OpenTelemetry scope that makes
 * a valid span current on a thread becomes one {@code org.jfrthreads.TraceScope} event (begin at
 * attach, end at close, that thread, {@code traceId} and {@code spanId} in lower-case hex), which
 * jfr-threads joins to the blocking events of the thread to put trace ids on its histograms as
 * exemplars.
 *
 * <p>{@link org.jfrthreads.opentelemetry.context.TraceScopeEvents#install()} adds a {@code
 * ContextStorage} wrapper; it must run before OpenTelemetry's context is first used. Under the
 * OpenTelemetry Java agent, {@link org.jfrthreads.opentelemetry.context.TraceScopeAgentExtension}
 * installs it inside the agent instead, where its instrumentation's scopes are. This package
 * depends on the OpenTelemetry API alone, not on jfr-threads: the application that makes the spans
 * carries it, whether the library in the same JVM, the agent or a sidecar reads the events.
 *
 * <p>Nested scopes give nested events (the innermost open scope is the one a blocking event belongs
 * to); closing a scope restores the outer context without an event of its own. A context carried to
 * another thread (for example by {@code Context.wrap}) is attached there and gives that thread its
 * own event. Scopes closed on another thread than the one that attached them give none.
 *
 * <p>Parameters and return values are never {@code null}. Everything here is thread-safe.
 */
package org.jfrthreads.opentelemetry.context;
