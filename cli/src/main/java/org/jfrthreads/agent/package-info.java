/**
 * The {@code -javaagent} and the target of {@code jfr-threads attach}: parses the agent argument
 * ({@code [host:]port[:file]} and {@code KEY=VALUE} settings of the library's settings table),
 * starts watching the JVM and serves {@code /metrics}.
 *
 * <p>It never stops or holds up the application: the options are checked within a time bound and
 * files are read only if regular and small; any problem is one line on standard error and the
 * application runs on unwatched. The start itself runs on a daemon thread, after {@code premain}
 * has returned.
 */
package org.jfrthreads.agent;
