/**
 * Spring Boot auto-configuration of jfr-threads: the thread families in the application's own
 * Prometheus registry, served on {@code /actuator/prometheus} beside its other metrics.
 *
 * <p>{@link org.jfrthreads.spring.JfrThreadsAutoConfiguration} starts one {@code JfrThreads} when
 * the application has a client_java {@code PrometheusRegistry} bean (Actuator with {@code
 * micrometer-registry-prometheus}), unless {@code jfr-threads.enabled=false}, a {@code JfrThreads}
 * bean exists, or the jfr-threads agent watches this JVM. Settings come from {@code jfr-threads.*}
 * ({@link org.jfrthreads.spring.JfrThreadsProperties}); a bad value stops the context at start with
 * one message naming the property. The watcher closes with the context.
 *
 * <p>Properties that are not set are {@code null} and leave the library's default in place.
 *
 * <p>{@code JfrThreadsAutoConfiguration} and {@code JfrThreadsProperties} are the API (public, as
 * Spring needs them); the rest is package-private.
 */
package org.jfrthreads.spring;
