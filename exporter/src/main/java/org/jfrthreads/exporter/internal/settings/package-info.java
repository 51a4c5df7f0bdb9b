/**
 * Not API: may change in any release; for use by jfr-threads' own modules only.
 *
 * <p>The settings of jfr-threads, in one table: every key with its type, default, range and
 * meaning, and the builder setter it goes to. Applications set the same values through the builders
 * ({@code JfrThreads.Builder}, {@code ThreadEventSettings}, {@code AnalyzerConfig}); the agent, the
 * command line and the Spring Boot starter read this table.
 *
 * <p>{@link org.jfrthreads.exporter.internal.settings.Settings#ALL} is read by every way in: the
 * agent's options and properties file, the sidecar's {@code KEY=VALUE} arguments, the command
 * line's options, the Spring Boot starter's {@code jfr-threads.*} properties, and the README's
 * table and the starter's IDE metadata, which tests compare with it. A value is read from text
 * once, with the one duration grammar of {@link org.jfrthreads.stream.internal.Durations}, and
 * validated once, by the setter of the builder it goes to ({@code ThreadEventSettings}, {@code
 * AnalyzerConfig}, {@code LeakDetectorConfig}, {@code JfrThreads.Builder}); an error names the
 * setting and then gives that setter's own message, which leads with the bad value.
 *
 * <h2>Conventions</h2>
 *
 * <p>Nothing is {@code null} unless documented. The table is immutable and may be read from any
 * thread; a {@link org.jfrthreads.exporter.internal.settings.Configuration} is a builder, for one
 * thread.
 */
package org.jfrthreads.exporter.internal.settings;
