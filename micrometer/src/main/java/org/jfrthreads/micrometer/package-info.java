/**
 * The thread families of jfr-threads in a Micrometer {@code PrometheusMeterRegistry}, for
 * applications that use Micrometer without Spring Boot.
 *
 * <p>Micrometer's Prometheus registry (1.13 and later) is built on the Prometheus Java client and
 * serves its own {@code PrometheusRegistry}; {@link
 * org.jfrthreads.micrometer.JfrThreadsMeterBinder} registers the library's collectors there, so a
 * scrape of the Micrometer registry shows the same families, names and histograms (classic and
 * native buckets) as the library's own {@code /metrics}. Nothing is recorded into Micrometer
 * meters.
 *
 * <p>Parameters and return values are never {@code null}. The binder is thread-safe.
 *
 * <p>{@code JfrThreadsMeterBinder} is the API; nothing else is public.
 */
package org.jfrthreads.micrometer;
