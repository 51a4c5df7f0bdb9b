package org.jfrthreads.junit;

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
    assertThat(PublicTypes.of(ThreadLeakExtension.class))
        .as(PublicTypes.CHANGED)
        .containsExactly(
            "org.jfrthreads.junit.ThreadLeakCheck",
            "org.jfrthreads.junit.ThreadLeakCheck$Scope",
            "org.jfrthreads.junit.ThreadLeakExtension");
  }
}
