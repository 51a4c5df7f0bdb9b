package org.jfrthreads.opentelemetry.context;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The application of {@link JavaAgentIT}, run under the OpenTelemetry Java agent: it installs the
 * wrapper (unless {@code --no-install} follows the recording's path), makes spans current in each
 * way an application meets, and prints one line per span and per recorded trace-scope event.
 */
@SuppressWarnings("try") // scopes opened for what they do to the context
public final class JavaAgentApp {

  private JavaAgentApp() {}

  public static void main(String[] args) throws Exception {
    // With the agent extension, the application itself installs nothing.
    boolean install = args.length < 2 || !args[1].equals("--no-install");
    System.out.println("install " + (install ? TraceScopeEvents.install() : "skipped"));
    try (Recording recording = new Recording()) {
      recording.enable(TraceScopeEvents.EVENT_NAME).withThreshold(Duration.ZERO);
      recording.start();

      // The application's own span, made current through the API.
      Span span = GlobalOpenTelemetry.getTracer("agent-check").spanBuilder("api").startSpan();
      try (Scope scope = span.makeCurrent()) {
        print("api", span);
        // Handed to a pool: the agent's executor instrumentation carries the context over.
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.submit(() -> print("executor", Span.current())).get();
        pool.shutdown();
      }
      span.end();

      annotated();
      serve();

      recording.stop();
      Path file = Path.of(args[0]);
      recording.dump(file);
      for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
        if (event.getEventType().getName().equals(TraceScopeEvents.EVENT_NAME)) {
          System.out.println(
              "event "
                  + event.getString("traceId")
                  + " "
                  + event.getString("spanId")
                  + " "
                  + event.getThread().getJavaThreadId());
        }
      }
    }
  }

  /** A span made and made current by the agent's instrumentation of the annotation. */
  @WithSpan("annotated")
  static void annotated() {
    print("withspan", Span.current());
  }

  /** A server span of the agent's JDK HTTP server instrumentation, current in the handler. */
  static void serve() throws IOException, InterruptedException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          print("server", Span.current());
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    try (HttpClient client = HttpClient.newHttpClient()) {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
    } finally {
      server.stop(0);
    }
  }

  private static void print(String what, Span span) {
    System.out.println(
        what
            + " "
            + span.getSpanContext().getTraceId()
            + " "
            + span.getSpanContext().getSpanId()
            + " "
            + Thread.currentThread().threadId());
  }
}
