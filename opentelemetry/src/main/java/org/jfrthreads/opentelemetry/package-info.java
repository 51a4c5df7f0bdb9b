/**
 * The thread families of jfr-threads through the OpenTelemetry metrics SDK, for applications that
 * export OTLP and serve no Prometheus endpoint.
 *
 * <p>{@link org.jfrthreads.opentelemetry.JfrThreadsMetricProducer} is a {@code MetricProducer}: at
 * each collection it reads the library's collectors (the same snapshots {@code /metrics} would
 * serve) and hands them to the SDK as exponential histograms, sums, gauges and summaries with the
 * Prometheus label names as attribute names. Nothing is recorded twice, so counts and sums are the
 * ones Prometheus would show.
 *
 * <p>Why a producer and not the API's instruments: the API has no asynchronous histogram, so an
 * instrument could only get these distributions by recording every blocking event a second time.
 * The producer needs the SDK ({@code SdkMeterProvider}); an application that has only the API (for
 * example under the OpenTelemetry Java agent) cannot plug it in, gets none of the families, and is
 * told so by one WARN a few minutes after the start.
 *
 * <p>Threads: the SDK calls {@code produce} from its reader's thread; a virtual thread of the
 * producer's own sleeps until that WARN is due and ends there, or at {@code close}.
 *
 * <p>Parameters and return values are never {@code null}. Everything here is thread-safe.
 *
 * <p>{@code JfrThreadsMetricProducer} is the API; nothing else is public.
 */
package org.jfrthreads.opentelemetry;
