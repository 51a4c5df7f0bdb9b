package org.jfrthreads.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The library runs on the client_java that Micrometer brings, and on no second copy: an application
 * with micrometer-registry-prometheus and this module has one version of every io.prometheus jar.
 */
class ClientJavaVersionTest {

  @Test
  void everyPrometheusJarOnTheClassPathIsTheVersionMicrometerBrings() throws IOException {
    Map<String, String> versions = new TreeMap<>();
    for (String artifact :
        new String[] {
          "prometheus-metrics-model", "prometheus-metrics-core", "prometheus-metrics-config"
        }) {
      versions.put(artifact, version("io.prometheus", artifact));
    }
    System.out.println(
        "micrometer-registry-prometheus "
            + PrometheusMeterRegistry.class.getPackage().getImplementationVersion()
            + " with "
            + versions);

    assertThat(versions.values())
        .doesNotContainNull()
        .containsOnly(versions.get("prometheus-metrics-core"));
    assertThat(copies("io.prometheus", "prometheus-metrics-model")).isEqualTo(1);
  }

  private static String version(String group, String artifact) throws IOException {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(pomProperties(group, artifact))) {
      if (in == null) {
        return null;
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    }
  }

  private static int copies(String group, String artifact) throws IOException {
    return Collections.list(ClassLoader.getSystemResources(pomProperties(group, artifact))).stream()
        .map(URL::toString)
        .toList()
        .size();
  }

  private static String pomProperties(String group, String artifact) {
    return "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
  }
}
