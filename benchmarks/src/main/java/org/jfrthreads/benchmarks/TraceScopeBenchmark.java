package org.jfrthreads.benchmarks;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import org.jfrthreads.opentelemetry.context.TraceScopeEvents;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the trace-scope wrapper adds to making a span current: one {@code attach} of a context that
 * holds a valid span, then its scope's {@code close}, through OpenTelemetry's default thread-local
 * storage alone ({@code plain}) and through {@code TraceScopeEvents.wrap} of it ({@code traced}).
 *
 * <p>{@code recording}: {@code none}, no JFR recording; {@code below}, a recording that enables
 * {@code org.jfrthreads.TraceScope} with a 1 s threshold, which every scope here is below (timed,
 * not written: what most scopes cost in production); {@code above}, threshold 0, so every scope is
 * committed to the recording with its ids. The {@code plain} rows under a recording show that the
 * recording alone costs the storage nothing.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar TraceScopeBenchmark -prof gc \
 *     -prof org.jfrthreads.benchmarks.WorkerCpuProfiler
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
// One storage per benchmark thread; the OpenTelemetry scope type is the one named Scope here.
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class TraceScopeBenchmark {

  @Param({"plain", "traced"})
  public String storage;

  @Param({"none", "below", "above"})
  public String recording;

  private ContextStorage contextStorage;
  private Context traced;
  private Recording jfr;

  @Setup(Level.Trial)
  public void setUp() {
    ContextStorage threadLocal = ContextStorage.defaultStorage();
    contextStorage =
        switch (storage) {
          case "plain" -> threadLocal;
          case "traced" -> TraceScopeEvents.wrap(threadLocal);
          default ->
              throw new IllegalArgumentException(storage + ": storage must be plain or traced");
        };
    SpanContext spanContext =
        SpanContext.create(
            "4bf92f3577b34da6a3ce929d0e0e4736",
            "00f067aa0ba902b7",
            TraceFlags.getSampled(),
            TraceState.getDefault());
    traced = Context.root().with(Span.wrap(spanContext));
    Duration threshold =
        switch (recording) {
          case "none" -> null;
          case "below" -> Duration.ofSeconds(1);
          case "above" -> Duration.ZERO;
          default ->
              throw new IllegalArgumentException(
                  recording + ": recording must be none, below or above");
        };
    if (threshold != null) {
      jfr = new Recording();
      jfr.enable(TraceScopeEvents.EVENT_NAME).withThreshold(threshold);
      jfr.start();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (jfr != null) {
      jfr.close();
    }
  }

  @Benchmark
  public Scope attachAndClose() {
    Scope scope = contextStorage.attach(traced);
    scope.close();
    return scope;
  }
}
