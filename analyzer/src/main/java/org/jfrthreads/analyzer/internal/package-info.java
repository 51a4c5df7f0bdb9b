/**
 * Not API: may change in any release; for use by jfr-threads' own modules only.
 *
 * <p>What the analyzer shares with the sampler and the JUnit extension without offering it to
 * applications: which stack frames are the application's ({@link
 * org.jfrthreads.analyzer.internal.ApplicationFrames}).
 *
 * <p>Immutable values, safe from any thread. Nothing is {@code null} unless documented.
 */
package org.jfrthreads.analyzer.internal;
