package org.jfrthreads.spring;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Matches when the client_java on the class path is one the library runs on, 1.7.0 or later. Spring
 * Boot's dependency management names an older one (1.4.3 in Boot 4.0, 1.3.10 in 3.5) unless the
 * application raises it; the library would then fail on its first histogram. Instead the starter
 * stays off and says so once, at ERROR, with the fix.
 */
final class ClientJavaCondition extends SpringBootCondition {

  /** In client_java's model since 1.7.0; the library's histograms use it. */
  static final String SINCE_1_7 = "io.prometheus.metrics.model.registry.MetricType";

  private static final Logger log = LoggerFactory.getLogger(ClientJavaCondition.class);
  private static final AtomicBoolean told = new AtomicBoolean();

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    ClassLoader classes = context.getClassLoader();
    if (ClassUtils.isPresent(SINCE_1_7, classes)) {
      return ConditionOutcome.match("client_java 1.7.0 or later");
    }
    if ("false".equals(context.getEnvironment().getProperty(SettingsProperties.ENABLED))) {
      return ConditionOutcome.noMatch("client_java older than 1.7.0, and off anyway");
    }
    String problem =
        "client_java "
            + version(classes)
            + " (io.prometheus:prometheus-metrics-model) is older than 1.7.0, which jfr-threads"
            + " needs: not watching threads. Raise it in the build, for example"
            + " <prometheus-client.version>1.8.0</prometheus-client.version> with Spring Boot's"
            + " parent or BOM.";
    if (told.compareAndSet(false, true)) {
      log.error("jfr-threads: {}", problem);
    }
    return ConditionOutcome.noMatch(problem);
  }

  private static String version(ClassLoader classes) {
    Properties pom = new Properties();
    try (InputStream in =
        classes.getResourceAsStream(
            "META-INF/maven/io.prometheus/prometheus-metrics-model/pom.properties")) {
      if (in != null) {
        pom.load(in);
      }
    } catch (IOException e) {
      // the version only completes the message
    }
    return pom.getProperty("version", "(version unknown)");
  }
}
