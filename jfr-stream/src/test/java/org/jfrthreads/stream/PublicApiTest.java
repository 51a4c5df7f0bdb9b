package org.jfrthreads.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.jfrthreads.testing.PublicTypes;
import org.junit.jupiter.api.Test;

/**
 * The module's API is the list below: its public types outside {@code internal} packages, nested
 * ones included. A type that is public only for another package or module of jfr-threads belongs in
 * an {@code internal} package; a type used only in its own package is package-private.
 */
class PublicApiTest {

  @Test
  void publicTypesOutsideInternalPackagesAreTheApi() throws Exception {
    assertThat(PublicTypes.of(ThreadEventSources.class))
        .as(PublicTypes.CHANGED)
        .containsExactly(
            "org.jfrthreads.stream.BlockingKind",
            "org.jfrthreads.stream.SourceStatistics",
            "org.jfrthreads.stream.StackFrame",
            "org.jfrthreads.stream.ThreadBlocked",
            "org.jfrthreads.stream.ThreadEnded",
            "org.jfrthreads.stream.ThreadEvent",
            "org.jfrthreads.stream.ThreadEventListener",
            "org.jfrthreads.stream.ThreadEventSettings",
            "org.jfrthreads.stream.ThreadEventSettings$Builder",
            "org.jfrthreads.stream.ThreadEventSource",
            "org.jfrthreads.stream.ThreadEventSourceException",
            "org.jfrthreads.stream.ThreadEventSources",
            "org.jfrthreads.stream.ThreadPinned",
            "org.jfrthreads.stream.ThreadStarted",
            "org.jfrthreads.stream.TraceScope");
  }
}
