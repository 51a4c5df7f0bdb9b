package org.jfrthreads.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.jfrthreads.testing.PublicTypes;
import org.junit.jupiter.api.Test;

/**
 * The command line has no Java API: nothing depends on this module. Its public types outside {@code
 * org.jfrthreads.cli.internal}, listed below, are only the entry points: {@code Main} and {@code
 * AnalyzeCommand} (each has a {@code main}), {@code AgentLauncher} (named by the manifest) and
 * {@code JfrThreadsAgent} (loaded by name by the launcher). A type that one package of the tool
 * calls in another lives under {@code internal}; a type used only in its own package is
 * package-private; the list keeps that true.
 */
class PublicApiTest {

  @Test
  void publicTypesOutsideInternalPackagesAreTheApi() throws Exception {
    assertThat(PublicTypes.of(Main.class))
        .as(PublicTypes.CHANGED)
        .containsExactly(
            "org.jfrthreads.agent.AgentLauncher",
            "org.jfrthreads.agent.JfrThreadsAgent",
            "org.jfrthreads.cli.AnalyzeCommand",
            "org.jfrthreads.cli.Main");
  }
}
