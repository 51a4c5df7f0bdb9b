/**
 * Pure logic over thread event records: lifetimes, blocking and pinning histograms, creation sites
 * and leak detection, published as immutable snapshots.
 *
 * <p>{@link org.jfrthreads.analyzer.ThreadEventAnalyzer} consumes the {@code ThreadEvent} records
 * of the stream module and, at each flush, publishes a {@link
 * org.jfrthreads.analyzer.ThreadActivitySnapshot}. It knows nothing of Prometheus, HTTP or JFR's
 * consumer API; its configuration is {@link org.jfrthreads.analyzer.AnalyzerConfig} and {@link
 * org.jfrthreads.analyzer.LeakDetectorConfig}, validated when built.
 *
 * <h2>API</h2>
 *
 * <p>The module's API is {@code ThreadEventAnalyzer}, its configuration ({@code AnalyzerConfig},
 * {@code LeakDetectorConfig}), the {@code ThreadActivitySnapshot} it publishes with the values that
 * snapshot holds, and the {@link org.jfrthreads.analyzer.sampler} package. The trackers, the leak
 * detector and its listener are package-private; {@code org.jfrthreads.analyzer.internal} is for
 * jfr-threads' own modules only.
 *
 * <h2>Threading</h2>
 *
 * <p>One writer: events and flushes arrive on the event source's single dispatch thread, so the
 * analyzer's state is plain fields and HdrHistograms written only there. Readers on any thread get
 * the last snapshot through one volatile reference and never wait; a snapshot is immutable and may
 * be kept.
 *
 * <h2>Conventions</h2>
 *
 * <ul>
 *   <li>Times are {@code long} nanoseconds, as in the stream module: {@code ...EpochNanos} for
 *       instants, {@code ...Nanos} for durations; conversion to seconds happens at the exporter.
 *   <li>Nothing is {@code null}: absent labels are {@code ""}, absent series are empty maps.
 *   <li>Memory is bounded by configuration ({@code maxTrackedThreads}, {@code maxSeries}, the leak
 *       detector's windows), never by the number of threads ever seen.
 * </ul>
 */
package org.jfrthreads.analyzer;
