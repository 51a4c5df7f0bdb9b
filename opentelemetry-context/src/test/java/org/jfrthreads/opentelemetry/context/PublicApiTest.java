package org.jfrthreads.opentelemetry.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.jfrthreads.testing.PublicTypes;
import org.junit.jupiter.api.Test;

/**
 * The module's API is the list below: the one-line install, and the OpenTelemetry Java agent
 * extension, which the agent's service loader needs public.
 */
class PublicApiTest {

  @Test
  void publicTypesOutsideInternalPackagesAreTheApi() throws Exception {
    assertThat(PublicTypes.of(TraceScopeEvents.class))
        .as(PublicTypes.CHANGED)
        .containsExactly(
            "org.jfrthreads.opentelemetry.context.TraceScopeAgentExtension",
            "org.jfrthreads.opentelemetry.context.TraceScopeEvents");
  }
}
