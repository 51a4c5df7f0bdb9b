package org.jfrthreads.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class LeakCheckSettingsTest {

  @Test
  void configurationParametersDefaultToTheAnnotationsDefaults() {
    LeakCheckSettings settings = LeakCheckSettings.fromConfiguration(parameters(Map.of()));

    assertThat(settings.graceMillis()).isEqualTo(ThreadLeakCheck.DEFAULT_GRACE_MILLIS);
    assertThat(settings.scope()).isEqualTo(ThreadLeakCheck.Scope.METHOD);
    assertThat(settings.warnOnly()).isFalse();
    assertThat(settings.parallel()).isFalse();
    assertThat(settings.ignoreNames()).isEmpty();
    assertThat(settings.ignoreSites()).isEqualTo(LeakCheckSettings.BUILT_IN_IGNORED_SITES);
  }

  @Test
  void configurationParametersAreRead() {
    LeakCheckSettings settings =
        LeakCheckSettings.fromConfiguration(
            parameters(
                Map.of(
                    LeakCheckSettings.GRACE_MILLIS, "250",
                    LeakCheckSettings.IGNORE_NAMES, "kafka-.*, OkHttp .*",
                    LeakCheckSettings.IGNORE_SITES, "com.zaxxer.hikari.",
                    LeakCheckSettings.SCOPE, "Class",
                    LeakCheckSettings.WARN_ONLY, "true",
                    LeakCheckSettings.PARALLEL, "true")));

    assertThat(settings.graceMillis()).isEqualTo(250);
    assertThat(settings.ignoresName("kafka-producer-network-thread")).isTrue();
    assertThat(settings.ignoresName("OkHttp ConnectionPool")).isTrue();
    assertThat(settings.ignoresName("my-kafka-thread")).isFalse();
    assertThat(settings.ignoresSite("com.zaxxer.hikari.pool.HikariPool.<init>")).isTrue();
    assertThat(settings.ignoresSite("org.junit.jupiter.engine.extension.TimeoutExtension.x"))
        .isTrue();
    assertThat(settings.ignoresSite("com.example.Pool.start")).isFalse();
    assertThat(settings.scope()).isEqualTo(ThreadLeakCheck.Scope.CLASS);
    assertThat(settings.warnOnly()).isTrue();
    assertThat(settings.parallel()).isTrue();
  }

  @Test
  void badValuesAreRefusedWithTheValueAndTheRule() {
    assertThatExceptionOfType(ExtensionConfigurationException.class)
        .isThrownBy(
            () ->
                LeakCheckSettings.fromConfiguration(
                    parameters(Map.of(LeakCheckSettings.GRACE_MILLIS, "-1"))))
        .withMessage("-1: graceMillis must be 0 or more (jfrthreads.threadleak.graceMillis).");
    assertThatExceptionOfType(ExtensionConfigurationException.class)
        .isThrownBy(
            () ->
                LeakCheckSettings.fromConfiguration(
                    parameters(Map.of(LeakCheckSettings.GRACE_MILLIS, "2s"))))
        .withMessage(
            "\"2s\": jfrthreads.threadleak.graceMillis must be a whole number of milliseconds.");
    assertThatExceptionOfType(ExtensionConfigurationException.class)
        .isThrownBy(
            () ->
                LeakCheckSettings.fromConfiguration(
                    parameters(Map.of(LeakCheckSettings.SCOPE, "suite"))))
        .withMessage("\"suite\": jfrthreads.threadleak.scope must be method or class.");
    assertThatExceptionOfType(ExtensionConfigurationException.class)
        .isThrownBy(
            () ->
                LeakCheckSettings.fromConfiguration(
                    parameters(Map.of(LeakCheckSettings.IGNORE_NAMES, "pool-[0-9"))))
        .withMessageStartingWith(
            "\"pool-[0-9\": ignoreNames must be regular expressions (jfrthreads.threadleak."
                + "ignoreNames): ");
  }

  @Test
  void classScopeOnAMethodIsRefused() throws NoSuchMethodException {
    ThreadLeakCheck annotation =
        Fixture.class.getDeclaredMethod("test").getAnnotation(ThreadLeakCheck.class);

    assertThatExceptionOfType(ExtensionConfigurationException.class)
        .isThrownBy(
            () -> LeakCheckSettings.of(annotation, "Fixture.test()", true, parameters(Map.of())))
        .withMessage(
            "scope = CLASS: @ThreadLeakCheck on Fixture.test() is on a method, where only METHOD"
                + " applies. Put it on the class, or drop scope.");
  }

  private static Function<String, Optional<String>> parameters(Map<String, String> values) {
    return key -> Optional.ofNullable(values.get(key));
  }

  static class Fixture {
    @ThreadLeakCheck(scope = ThreadLeakCheck.Scope.CLASS)
    void test() {}
  }
}
