package org.jfrthreads.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application's traced scopes, committed by real threads, reach the listener. */
class TraceScopeEventsTest {

  /** The event a scope wrapper commits: the contract of {@link TraceScope#EVENT_NAME}. */
  @Name(TraceScope.EVENT_NAME)
  static final class OwnScope extends Event {
    String traceId;
    String spanId;
  }

  /** The event of OpenTelemetry's contrib jfr-events, same fields. */
  @Name(TraceScope.OPENTELEMETRY_EVENT_NAME)
  static final class ContribScope extends Event {
    String traceId;
    String spanId;
  }

  @Test
  void scopesAreAskedForAtTheLowestThresholdAndFollowItsChanges() {
    ThreadEventSettings settings =
        ThreadEventSettings.builder()
            .blockingThreshold(Duration.ofMillis(20))
            .threshold(BlockingKind.PARK, Duration.ofMillis(5))
            .pinnedThreshold(Duration.ofMillis(8))
            .build();

    assertThat(settings.lowestThreshold()).isEqualTo(Duration.ofMillis(5));
    assertThat(settings.toJfrSettings())
        .contains(
            entry("org.jfrthreads.TraceScope#enabled", "true"),
            entry("org.jfrthreads.TraceScope#stackTrace", "false"),
            entry("org.jfrthreads.TraceScope#threshold", "5000000 ns"),
            entry("io.opentelemetry.context.Scope#enabled", "true"),
            entry("io.opentelemetry.context.Scope#threshold", "5000000 ns"));
    assertThat(
            ThreadEventSettings.builder()
                .blockingThreshold(Duration.ofMillis(50))
                .pinnedThreshold(Duration.ofMillis(30))
                .build()
                .toJfrSettings())
        .contains(entry("org.jfrthreads.TraceScope#threshold", "30000000 ns"));
  }

  @Test
  void aLiveSourceDeliversScopesOfBothNamesAboveTheLowestThresholdAsItChanges() throws Exception {
    List<TraceScope> scopes = new CopyOnWriteArrayList<>();
    ThreadEventSettings twentyMillis =
        ThreadEventSettings.builder()
            .blockingThreshold(Duration.ofMillis(20))
            .pinnedThreshold(Duration.ofMillis(20))
            .build();
    long threadId;
    try (ThreadEventSource source = ThreadEventSources.thisJvm(twentyMillis)) {
      source.start(
          event -> {
            if (event instanceof TraceScope scope) {
              scopes.add(scope);
            }
          });
      Thread thread =
          Thread.ofPlatform()
              .start(
                  () -> {
                    own("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", 40);
                    own("00000000000000000000000000000001", "0000000000000001", 0);
                    contrib("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", 40);
                  });
      thread.join();
      threadId = thread.threadId();
      // What gets through follows the settings applied last: these are mapped first.
      assertThat(awaitCount(scopes, 2)).as("scopes before the change delivered").isTrue();
      source.applySettings(
          ThreadEventSettings.builder()
              .blockingThreshold(Duration.ofMillis(300))
              .pinnedThreshold(Duration.ofMillis(300))
              .build());
      Thread.ofPlatform()
          .start(() -> own("11111111111111111111111111111111", "2222222222222222", 60))
          .join();
      source.close();
      assertThat(source.awaitTermination(Duration.ofSeconds(30))).isTrue();
    }

    assertThat(scopes)
        .extracting(TraceScope::traceId)
        .containsExactlyInAnyOrder(
            "0af7651916cd43dd8448eb211c80319c", "4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(scopes)
        .allSatisfy(
            scope -> {
              assertThat(scope.threadId()).isEqualTo(threadId);
              assertThat(scope.durationNanos()).isGreaterThanOrEqualTo(40_000_000L);
            });
    assertThat(scopes)
        .filteredOn(s -> s.traceId().startsWith("0af7"))
        .singleElement()
        .extracting(TraceScope::spanId)
        .isEqualTo("b7ad6b7169203331");
  }

  @Test
  void aRecordingFileDeliversItsScopes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("scopes.jfr");
    try (Recording recording = new Recording()) {
      recording.setSettings(ThreadEventSettings.defaults().toJfrSettings());
      recording.start();
      Thread.ofPlatform()
          .start(() -> own("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", 15))
          .join();
      recording.stop();
      recording.dump(file);
    }
    List<ThreadEvent> events = new CopyOnWriteArrayList<>();
    try (ThreadEventSource source = ThreadEventSources.recordingFile(file)) {
      source.start(events::add);
      assertThat(source.awaitTermination(Duration.ofSeconds(30))).isTrue();
    }

    assertThat(events)
        .filteredOn(TraceScope.class::isInstance)
        .singleElement()
        .satisfies(
            scope -> {
              assertThat(((TraceScope) scope).traceId())
                  .isEqualTo("0af7651916cd43dd8448eb211c80319c");
              assertThat(((TraceScope) scope).endEpochNanos())
                  .isGreaterThan(scope.epochNanos() + 15_000_000L);
            });
  }

  private static boolean awaitCount(List<?> list, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (list.size() < count) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  private static void own(String traceId, String spanId, long sleepMillis) {
    OwnScope scope = new OwnScope();
    scope.begin();
    scope.traceId = traceId;
    scope.spanId = spanId;
    sleep(sleepMillis);
    scope.commit();
  }

  private static void contrib(String traceId, String spanId, long sleepMillis) {
    ContribScope scope = new ContribScope();
    scope.begin();
    scope.traceId = traceId;
    scope.spanId = spanId;
    sleep(sleepMillis);
    scope.commit();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
