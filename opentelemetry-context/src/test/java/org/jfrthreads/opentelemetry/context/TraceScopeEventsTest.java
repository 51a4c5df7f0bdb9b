package org.jfrthreads.opentelemetry.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jdk.jfr.AnnotationElement;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spans of a real OpenTelemetry SDK made current on real threads, recorded by JFR. These run on the
 * classes directory, so on the event class of JDK 21 to 24 (the multi-release jar's JDK 25 variant
 * is checked by {@code TraceScopeEventMultiReleaseIT}).
 */
// Scopes are opened for what they do to the context, not to be referenced in the block.
@SuppressWarnings("try")
class TraceScopeEventsTest {

  private static SdkTracerProvider tracerProvider;
  private static Tracer tracer;

  @TempDir Path directory;

  @BeforeAll
  static void installAndStartTracing() {
    assertThat(TraceScopeEvents.install()).isTrue();
    tracerProvider = RecordedSpans.tracerProvider();
    tracer = tracerProvider.get("test");
  }

  @AfterAll
  static void stopTracing() {
    tracerProvider.close();
  }

  @Test
  void installAgainKeepsTheWrapper() {
    assertThat(TraceScopeEvents.install()).isTrue();
    assertThat(TraceScopeEvents.isInstalled()).isTrue();
  }

  @Test
  void spanCurrentOnPlatformThreadGivesOneEventWithItsIds() throws Exception {
    List<RecordedEvent> events;
    Span span = tracer.spanBuilder("platform").startSpan();
    try (TraceScopeRecording recording = new TraceScopeRecording(Duration.ZERO)) {
      try (Scope scope = span.makeCurrent()) {
        assertThat(Span.current()).isSameAs(span);
      }
      events = recording.stop(directory);
    }
    span.end();

    assertThat(events).hasSize(1);
    RecordedEvent event = events.get(0);
    assertIds(event, span.getSpanContext());
    assertThat(event.getThread().getJavaThreadId()).isEqualTo(Thread.currentThread().threadId());
    assertThat(event.getThread().isVirtual()).isFalse();
    assertThat(event.getStackTrace()).isNull();
  }

  @Test
  void spanCurrentOnVirtualThreadGivesEventOnThatThread() throws Exception {
    List<RecordedEvent> events;
    Span span = tracer.spanBuilder("virtual").startSpan();
    try (TraceScopeRecording recording = new TraceScopeRecording(Duration.ZERO)) {
      Thread thread =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (Scope scope = span.makeCurrent()) {
                      Thread.yield();
                    }
                  });
      thread.join();
      events = recording.stop(directory);
      assertThat(events).hasSize(1);
      assertThat(events.get(0).getThread().getJavaThreadId()).isEqualTo(thread.threadId());
    }
    span.end();

    assertThat(events.get(0).getThread().isVirtual()).isTrue();
    assertIds(events.get(0), span.getSpanContext());
  }

  @Test
  void nestedScopesGiveNestedEventsAndClosingTheInnerOneGivesNone() throws Exception {
    List<RecordedEvent> events;
    Span parent = tracer.spanBuilder("parent").startSpan();
    Span child;
    try (TraceScopeRecording recording = new TraceScopeRecording(Duration.ZERO)) {
      try (Scope outer = parent.makeCurrent()) {
        child = tracer.spanBuilder("child").startSpan();
        try (Scope inner = child.makeCurrent()) {
          assertThat(Span.current()).isSameAs(child);
        }
        // The parent is current again, restored by the inner scope's close, not by an attach.
        assertThat(Span.current()).isSameAs(parent);
      }
      events = recording.stop(directory);
    }
    child.end();
    parent.end();

    assertThat(events).hasSize(2);
    RecordedEvent inner = events.get(0);
    RecordedEvent outer = events.get(1);
    assertIds(inner, child.getSpanContext());
    assertIds(outer, parent.getSpanContext());
    assertThat(inner.getString("spanId")).isNotEqualTo(outer.getString("spanId"));
    assertThat(inner.getStartTime()).isAfterOrEqualTo(outer.getStartTime());
    assertThat(inner.getEndTime()).isBeforeOrEqualTo(outer.getEndTime());
  }

  @Test
  void contextWithoutValidSpanGivesNoEvent() throws Exception {
    ContextKey<String> key = ContextKey.named("tenant");
    Span traced = tracer.spanBuilder("traced").startSpan();
    List<RecordedEvent> events;
    try (TraceScopeRecording recording = new TraceScopeRecording(Duration.ZERO)) {
      try (Scope noSpan = Context.root().with(key, "acme").makeCurrent()) {
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
      }
      try (Scope invalidSpan = Span.getInvalid().makeCurrent()) {
        assertThat(Span.current()).isSameAs(Span.getInvalid());
      }
      try (Scope scope = traced.makeCurrent()) {
        assertThat(Span.current()).isSameAs(traced);
      }
      events = recording.stop(directory);
    }
    traced.end();

    assertThat(events).hasSize(1);
    assertIds(events.get(0), traced.getSpanContext());
  }

  @Test
  void scopeShorterThanTheThresholdGivesNoEvent() throws Exception {
    Span shortSpan = tracer.spanBuilder("short").startSpan();
    Span longSpan = tracer.spanBuilder("long").startSpan();
    List<RecordedEvent> events;
    try (TraceScopeRecording recording = new TraceScopeRecording(Duration.ofMillis(200))) {
      try (Scope scope = shortSpan.makeCurrent()) {
        assertThat(Span.current()).isSameAs(shortSpan);
      }
      try (Scope scope = longSpan.makeCurrent()) {
        Thread.sleep(250);
      }
      events = recording.stop(directory);
    }
    shortSpan.end();
    longSpan.end();

    assertThat(events).hasSize(1);
    assertIds(events.get(0), longSpan.getSpanContext());
    assertThat(events.get(0).getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void contextHandedToAnotherThreadGivesAnEventThere() throws Exception {
    Span span = tracer.spanBuilder("handed-off").startSpan();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    List<RecordedEvent> events;
    long workerId;
    try (TraceScopeRecording recording = new TraceScopeRecording(Duration.ZERO)) {
      try (Scope scope = span.makeCurrent()) {
        workerId =
            Context.taskWrapping(executor)
                .submit(
                    () -> {
                      assertThat(Span.current()).isSameAs(span);
                      return Thread.currentThread().threadId();
                    })
                .get();
      }
      events = recording.stop(directory);
    } finally {
      executor.shutdown();
    }
    span.end();

    assertThat(workerId).isNotEqualTo(Thread.currentThread().threadId());
    assertThat(events).hasSize(2);
    assertThat(events)
        .extracting(e -> e.getThread().getJavaThreadId())
        .containsExactlyInAnyOrder(workerId, Thread.currentThread().threadId());
    events.forEach(e -> assertIds(e, span.getSpanContext()));
  }

  @Test
  void withoutRecordingTheContextWorksAsBefore() throws Exception {
    Span span = tracer.spanBuilder("unrecorded").startSpan();
    try (Scope scope = span.makeCurrent()) {
      assertThat(Span.current()).isSameAs(span);
    }
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    span.end();
  }

  @Test
  void eventTypeIsDeclaredForReaders() {
    EventType type = EventType.getEventType(TraceScopeEvent.class);
    assertThat(type.getName()).isEqualTo("org.jfrthreads.TraceScope");
    assertThat(type.getLabel()).isEqualTo("Trace Scope");
    assertThat(type.getCategoryNames()).containsExactly("jfr-threads");
    assertThat(type.getField("traceId").getTypeName()).isEqualTo("java.lang.String");
    assertThat(type.getField("spanId").getTypeName()).isEqualTo("java.lang.String");
    // The JDK 21 class of the classes directory: no @Contextual, which JDK 21 does not know.
    assertThat(type.getField("traceId").getAnnotationElements())
        .extracting(AnnotationElement::getTypeName)
        .doesNotContain("jdk.jfr.Contextual");
  }

  private static void assertIds(RecordedEvent event, SpanContext spanContext) {
    assertThat(event.getString("traceId")).isEqualTo(spanContext.getTraceId()).hasSize(32);
    assertThat(event.getString("spanId")).isEqualTo(spanContext.getSpanId()).hasSize(16);
  }
}
