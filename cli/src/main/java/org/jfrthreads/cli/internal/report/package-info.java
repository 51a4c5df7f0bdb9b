/**
 * Not API: may change in any release; for jfr-threads' own command line only.
 *
 * <p>The offline report of a recording: {@code jfr-threads analyze}.
 *
 * <p>{@link org.jfrthreads.cli.internal.report.RecordingAnalysis} reads a {@code .jfr} file once
 * through the live exporter's analyzer and a {@link
 * org.jfrthreads.cli.internal.report.LiveTimeline}, and builds one immutable {@link
 * org.jfrthreads.cli.internal.report.ReportModel}; {@link
 * org.jfrthreads.cli.internal.report.TextReport}, {@link
 * org.jfrthreads.cli.internal.report.JsonReport} and {@link
 * org.jfrthreads.cli.internal.report.HtmlReport} render it, each a pure function of the model.
 * Durations stay in nanoseconds in the model and are converted once, where they are written: human
 * units in text and HTML, seconds in JSON.
 *
 * <p>Nothing here keeps events: memory is bounded whatever the length of the recording.
 */
package org.jfrthreads.cli.internal.report;
