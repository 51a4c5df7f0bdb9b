package org.jfrthreads.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThreadEventSettingsTest {

  @Test
  void defaultsAskJfrForEveryThreadEventWithStacksOnlyWhereASiteIsRead() {
    assertThat(ThreadEventSettings.defaults().toJfrSettings())
        .containsExactly(
            entry("jdk.ThreadStart#enabled", "true"),
            entry("jdk.ThreadStart#stackTrace", "true"),
            entry("jdk.ThreadEnd#enabled", "true"),
            entry("jdk.ThreadEnd#stackTrace", "false"),
            entry("jdk.VirtualThreadStart#enabled", "true"),
            entry("jdk.VirtualThreadStart#stackTrace", "false"),
            entry("jdk.VirtualThreadEnd#enabled", "true"),
            entry("jdk.VirtualThreadEnd#stackTrace", "false"),
            entry("jdk.JavaMonitorEnter#enabled", "true"),
            entry("jdk.JavaMonitorEnter#stackTrace", "false"),
            entry("jdk.JavaMonitorEnter#threshold", "10000000 ns"),
            entry("jdk.JavaMonitorWait#enabled", "true"),
            entry("jdk.JavaMonitorWait#stackTrace", "false"),
            entry("jdk.JavaMonitorWait#threshold", "10000000 ns"),
            entry("jdk.ThreadPark#enabled", "true"),
            entry("jdk.ThreadPark#stackTrace", "false"),
            entry("jdk.ThreadPark#threshold", "10000000 ns"),
            entry("jdk.ThreadSleep#enabled", "true"),
            entry("jdk.ThreadSleep#stackTrace", "true"),
            entry("jdk.ThreadSleep#threshold", "10000000 ns"),
            entry("jdk.VirtualThreadPinned#enabled", "true"),
            entry("jdk.VirtualThreadPinned#stackTrace", "true"),
            entry("jdk.VirtualThreadPinned#threshold", "1000000 ns"),
            entry("org.jfrthreads.TraceScope#enabled", "true"),
            entry("org.jfrthreads.TraceScope#stackTrace", "false"),
            entry("org.jfrthreads.TraceScope#threshold", "1000000 ns"),
            entry("io.opentelemetry.context.Scope#enabled", "true"),
            entry("io.opentelemetry.context.Scope#stackTrace", "false"),
            entry("io.opentelemetry.context.Scope#threshold", "1000000 ns"));
  }

  @Test
  void thresholdsAreSetPerKindAndVirtualThreadLifecycleCanBeLeftOut() {
    ThreadEventSettings settings =
        ThreadEventSettings.builder()
            .blockingThreshold(Duration.ofMillis(20))
            .threshold(BlockingKind.PARK, Duration.ofNanos(1500))
            .pinnedThreshold(Duration.ZERO)
            .virtualThreadLifecycle(false)
            .build();

    assertThat(settings.toJfrSettings())
        .contains(
            entry("jdk.JavaMonitorEnter#threshold", "20000000 ns"),
            entry("jdk.ThreadPark#threshold", "1500 ns"),
            entry("jdk.VirtualThreadPinned#threshold", "0 ns"))
        .doesNotContainKeys("jdk.VirtualThreadStart#enabled", "jdk.VirtualThreadEnd#enabled");
    assertThat(settings.threshold(BlockingKind.SLEEP)).isEqualTo(Duration.ofMillis(20));
  }

  @Test
  void negativeThresholdIsRejectedWithTheRule() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ThreadEventSettings.builder().pinnedThreshold(Duration.ofMillis(-1)))
        .withMessage("-1ms: illegal threshold. Expecting zero or a positive duration.");
  }

  @Test
  void stackDepthOutsideOneToSixtyFourIsRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ThreadEventSettings.builder().stackDepth(0))
        .withMessage("0: illegal stack depth. Expecting 1 to 64.");
  }
}
