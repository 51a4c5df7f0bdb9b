package org.jfrthreads.testing;

import jdk.jfr.Event;
import jdk.jfr.Name;
import org.jfrthreads.stream.TraceScope;

/**
 * Traced scopes committed as jfr-threads' own scope wrapper commits them: one {@value
 * TraceScope#EVENT_NAME} event per scope, with fields {@code traceId} and {@code spanId}.
 */
public final class TracedScopes {

  @Name(TraceScope.EVENT_NAME)
  static final class Scope extends Event {
    String traceId;
    String spanId;
  }

  private TracedScopes() {}

  /**
   * Runs {@code body} inside a scope of {@code traceId} and {@code spanId}, committed when it
   * closes.
   */
  public static void traced(String traceId, String spanId, Runnable body) {
    Scope scope = new Scope();
    scope.begin();
    scope.traceId = traceId;
    scope.spanId = spanId;
    try {
      body.run();
    } finally {
      scope.commit();
    }
  }
}
