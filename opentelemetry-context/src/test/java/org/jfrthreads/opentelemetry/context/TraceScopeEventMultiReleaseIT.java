package org.jfrthreads.opentelemetry.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.AnnotationElement;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs on the module's jar, as applications get it: the JDK picks the event class from the
 * multi-release jar, with {@code @jdk.jfr.Contextual} ids on JDK 25 and later, without before.
 */
// Scopes are opened for what they do to the context, not to be referenced in the block.
@SuppressWarnings("try")
class TraceScopeEventMultiReleaseIT {

  @TempDir Path directory;

  @Test
  void recordedIdsAreContextualFromJdk25On() throws Exception {
    assertThat(TraceScopeEvent.class.getProtectionDomain().getCodeSource().getLocation().getPath())
        .endsWith(".jar");
    assertThat(TraceScopeEvents.install()).isTrue();
    List<RecordedEvent> events;
    try (SdkTracerProvider tracerProvider = RecordedSpans.tracerProvider();
        TraceScopeRecording recording = new TraceScopeRecording(Duration.ZERO)) {
      Span span = tracerProvider.get("test").spanBuilder("contextual").startSpan();
      try (Scope scope = span.makeCurrent()) {
        assertThat(Span.current()).isSameAs(span);
      }
      span.end();
      events = recording.stop(directory);
    }

    assertThat(events).hasSize(1);
    boolean contextual = Runtime.version().feature() >= 25;
    for (String field : List.of("traceId", "spanId")) {
      ValueDescriptor descriptor = events.get(0).getEventType().getField(field);
      List<String> annotations =
          descriptor.getAnnotationElements().stream().map(AnnotationElement::getTypeName).toList();
      if (contextual) {
        assertThat(annotations).as(field).contains("jdk.jfr.Contextual");
      } else {
        assertThat(annotations).as(field).doesNotContain("jdk.jfr.Contextual");
      }
    }
  }
}
