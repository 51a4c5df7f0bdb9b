/**
 * Not API: may change in any release; for use by jfr-threads' own modules only.
 *
 * <p>What the stream module shares with the other modules of jfr-threads without offering it to
 * applications: the one duration grammar ({@link org.jfrthreads.stream.internal.Durations}) that
 * the settings, the agent and the report read and write.
 *
 * <p>Stateless functions, safe from any thread. Parameters and return values are never {@code
 * null}.
 */
package org.jfrthreads.stream.internal;
