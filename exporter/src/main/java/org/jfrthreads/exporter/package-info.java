/**
 * The library an application embeds: the {@link org.jfrthreads.exporter.JfrThreads} facade, the
 * Prometheus collectors and the {@code /metrics} endpoint.
 *
 * <pre>{@code
 * JfrThreads threads = JfrThreads.builder().httpPort(9400).start();
 * }</pre>
 *
 * <p>The collectors read the analyzer's and the sampler's last published snapshots at each scrape:
 * a scrape never calls an MXBean and never waits for the writer. Durations are converted to seconds
 * here, once. The alert rules and the Grafana dashboard ship as resources of this package ({@code
 * prometheus/jfr-threads-rules.yml}, {@code grafana/jfr-threads-dashboard.json}).
 *
 * <h2>API</h2>
 *
 * <p>This package is the module's API: {@code JfrThreads} and its builder; {@code MetricsEndpoint},
 * which serves any registry as {@code JfrThreads} serves its own; and the two collectors, {@code
 * ThreadMetricsCollector} and {@code ThreadStateCollector}, for a program that runs its own
 * analyzer and sampler (the sidecar does, over a remote stream). The settings table, read by the
 * agent, the command line and the Spring Boot starter, is in {@code
 * org.jfrthreads.exporter.internal.settings}, for jfr-threads' own modules only.
 *
 * <h2>Threading and failures</h2>
 *
 * <p>{@code JfrThreads} may be used from any thread; its own threads are daemons. It never throws
 * into the application once built: problems at start are logged through SLF4J and listed in {@link
 * org.jfrthreads.exporter.JfrThreads#problems()}. Only a bad argument to a builder throws, while
 * configuring. Parameters and return values are never {@code null} unless documented.
 */
package org.jfrthreads.exporter;
