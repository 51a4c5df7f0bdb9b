/**
 * The command line of {@code jfr-threads-all.jar} (picocli): {@code analyze}, {@code attach},
 * {@code watch} (the sidecar that follows another JVM over JMX), {@code demo} and {@code settings}.
 *
 * <p>Exit codes: 0 done, 1 bad input (named in one line on standard error), 2 a wrong command line
 * (with the usage). Commands run on the calling thread; {@code watch} serves until the process
 * ends.
 *
 * <p>The command line has no Java API: nothing depends on this module. Its public types are the
 * entry points ({@code Main}, {@code AnalyzeCommand}, and the agent's {@code AgentLauncher} and
 * {@code JfrThreadsAgent}); what one of its packages calls in another lives under {@code
 * org.jfrthreads.cli.internal} ({@code agent}, {@code report}, {@code demo}). All may change in any
 * release.
 */
package org.jfrthreads.cli;
