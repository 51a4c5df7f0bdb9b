package org.jfrthreads.opentelemetry.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An install that comes after the context was first used cannot take effect (OpenTelemetry ignores
 * wrappers added then): it must say so, not leave the application without events in silence. In a
 * child JVM, since the context storage is built once per JVM.
 */
class LateInstallIT {

  @Test
  void installAfterFirstUseReturnsFalseAndSaysWhy() throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LateInstallApp.class.getName())
            .redirectErrorStream(true)
            .start();
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).as(printed).isTrue();

    assertThat(process.exitValue()).as(printed).isZero();
    assertThat(printed)
        .contains("install false")
        .contains("OpenTelemetry's context storage was in use before TraceScopeEvents.install()")
        .contains("Call install() at the start of main");
  }
}
