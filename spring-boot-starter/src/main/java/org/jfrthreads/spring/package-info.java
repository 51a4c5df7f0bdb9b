/**
 * Spring Boot auto-configuration of jfr-threads: the thread families in the application's own
 * Prometheus registry, served on {@code /actuator/prometheus} beside its other metrics.
 *
 * <p>{@link org.jfrthreads.spring.JfrThreadsAutoConfiguration} starts one {@code JfrThreads} when
 * the application has a client_java {@code PrometheusRegistry} bean (Actuator with {@code
 * micrometer-registry-prometheus}), unless {@code jfr-threads.enabled=false}, a {@code JfrThreads}
 * bean exists, or the jfr-threads agent watches this JVM. Settings come from {@code jfr-threads.*},
 * one property per entry of the project's settings table ({@link
 * org.jfrthreads.spring.SettingsProperties}); a bad value or an unknown name stops the context at
 * start with one message naming the property. The watcher closes with the context.
 *
 * <p>A property that is not set leaves the library's default in place. Nothing here is {@code null}
 * unless documented; the auto-configuration runs once, on the thread that refreshes the context.
 *
 * <p>{@code JfrThreadsAutoConfiguration} is the API (public, as Spring needs it); the rest is
 * package-private.
 */
package org.jfrthreads.spring;
