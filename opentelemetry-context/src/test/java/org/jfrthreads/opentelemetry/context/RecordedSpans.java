package org.jfrthreads.opentelemetry.context;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/** The tracer provider of these tests: spans with valid ids, kept in memory. */
final class RecordedSpans {

  private RecordedSpans() {}

  // With no processor the SDK hands out invalid, non-recording spans.
  static SdkTracerProvider tracerProvider() {
    return SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
        .build();
  }
}
