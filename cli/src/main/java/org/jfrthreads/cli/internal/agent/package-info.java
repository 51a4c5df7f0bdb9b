/**
 * Not API: may change in any release; for jfr-threads' own command line only.
 *
 * <p>The options of the agent ({@link org.jfrthreads.cli.internal.agent.AgentOptions}): the
 * argument {@code [host:]port[:file]} with the {@code KEY=VALUE} settings of the library's settings
 * table, read by the {@code -javaagent}, {@code attach}, the {@code watch} sidecar and the demo.
 *
 * <p>Immutable values and stateless functions, safe from any thread. Return values are never {@code
 * null}; parameters neither, except where a method says so.
 */
package org.jfrthreads.cli.internal.agent;
