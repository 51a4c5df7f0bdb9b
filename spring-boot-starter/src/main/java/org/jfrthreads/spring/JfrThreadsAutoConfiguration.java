package org.jfrthreads.spring;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jfrthreads.exporter.JfrThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Watches this JVM's threads into the application's client_java {@link PrometheusRegistry}, the one
 * that Actuator's {@code /actuator/prometheus} serves through Micrometer.
 *
 * <p>On when the registry bean exists, {@code jfr-threads.enabled} is not {@code false}, no {@link
 * JfrThreads} bean is defined, client_java is 1.7.0 or later (else it logs one ERROR naming the
 * fix), and the jfr-threads agent does not watch this JVM (it serves on its own port then, and a
 * second watcher would double the cost). The watcher is closed with the context, which removes the
 * families from the registry. A problem of the environment (JFR disabled) is logged and does not
 * stop the application; a bad {@code jfr-threads.*} value does. The settings are those of the
 * project's settings table, under {@code jfr-threads.} in kebab case (see {@link
 * SettingsProperties}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(
    afterName = {
      // Spring Boot 4
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus"
          + ".PrometheusMetricsExportAutoConfiguration",
      // Spring Boot 3
      "org.springframework.boot.actuate.autoconfigure.metrics.export.prometheus"
          + ".PrometheusMetricsExportAutoConfiguration"
    })
@ConditionalOnClass({PrometheusRegistry.class, JfrThreads.class})
@ConditionalOnBean(PrometheusRegistry.class)
@ConditionalOnProperty(
    prefix = SettingsProperties.PREFIX,
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@Conditional({ClientJavaCondition.class, AgentWatchingCondition.class})
public class JfrThreadsAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(JfrThreadsAutoConfiguration.class);

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  JfrThreads jfrThreads(PrometheusRegistry prometheusRegistry, Environment environment) {
    JfrThreads threads =
        SettingsProperties.configure(environment, JfrThreads.builder())
            .registry(prometheusRegistry)
            .start();
    if (threads.problems().isEmpty()) {
      log.info(
          "jfr-threads: watching this JVM's threads into the application's Prometheus registry");
    }
    return threads;
  }
}
