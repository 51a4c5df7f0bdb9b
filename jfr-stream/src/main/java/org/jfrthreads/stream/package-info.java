/**
 * Sources of thread events and the plain records they produce.
 *
 * <p>This is the only package of jfr-threads that reads {@code jdk.jfr.consumer}. A {@link
 * org.jfrthreads.stream.ThreadEventSource} turns the JDK Flight Recorder events about threads
 * ({@code jdk.ThreadStart}, {@code jdk.ThreadEnd}, {@code jdk.VirtualThreadStart}, {@code
 * jdk.VirtualThreadEnd}, {@code jdk.JavaMonitorEnter}, {@code jdk.JavaMonitorWait}, {@code
 * jdk.ThreadPark}, {@code jdk.ThreadSleep}, {@code jdk.VirtualThreadPinned}) and the application's
 * traced scopes ({@code org.jfrthreads.TraceScope}, {@code io.opentelemetry.context.Scope}) into
 * {@link org.jfrthreads.stream.ThreadEvent} records; no {@code RecordedEvent} leaves the package.
 *
 * <p>A recording file is checked before JFR reads it: only a regular file, whole chunks, and a
 * structure that holds (see {@code ChunkStructure}); a damaged file is refused with the chunk and
 * the byte, never read in part.
 *
 * <h2>API</h2>
 *
 * <p>This package is the module's API: {@code ThreadEventSources} and the {@code ThreadEventSource}
 * it opens, {@code ThreadEventListener}, {@code ThreadEventSettings}, the {@code ThreadEvent}
 * records with {@code StackFrame} and {@code BlockingKind}, {@code SourceStatistics} and {@code
 * ThreadEventSourceException}. The sources themselves and the file checks are package-private;
 * {@code org.jfrthreads.stream.internal} is for jfr-threads' own modules only.
 *
 * <h2>Conventions</h2>
 *
 * <ul>
 *   <li>Threads are identified by {@code javaThreadId}, never by name.
 *   <li>Times are {@code long} nanoseconds: instants since the epoch ({@code ...EpochNanos}) and
 *       durations ({@code ...Nanos}).
 *   <li>Nothing is {@code null}: an absent class name is {@code ""} and an absent stack is an empty
 *       list.
 * </ul>
 *
 * <h2>Threading</h2>
 *
 * <p>A source calls its {@link org.jfrthreads.stream.ThreadEventListener} from one dispatch thread
 * only, so a listener may keep unsynchronized state. The dispatch thread is a daemon: a JVM whose
 * {@code main} returns exits normally even when nobody closes the source.
 */
package org.jfrthreads.stream;
