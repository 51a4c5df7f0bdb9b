package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnalyzerConfigTest {

  @Test
  void defaults() {
    AnalyzerConfig config = AnalyzerConfig.defaults();

    assertThat(config.topN()).isEqualTo(20);
    assertThat(config.maxSeries()).isEqualTo(200);
    assertThat(config.maxTrackedThreads()).isEqualTo(250_000);
    assertThat(config.window()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.windowSlices()).isEqualTo(6);
    assertThat(config.libraryPackages())
        .isEqualTo(AnalyzerConfig.DEFAULT_LIBRARY_PACKAGES)
        .isUnmodifiable();
  }

  @Test
  void libraryPackagesAddToTheJdkOnes() {
    AnalyzerConfig config = AnalyzerConfig.builder().libraryPackages("io.netty.").build();

    assertThat(config.libraryPackages())
        .startsWith(AnalyzerConfig.DEFAULT_LIBRARY_PACKAGES.toArray(String[]::new))
        .endsWith("io.netty.");
  }

  @Test
  void aTopNAboveMaxSeriesRaisesMaxSeries() {
    assertThat(AnalyzerConfig.builder().topN(300).build().maxSeries()).isEqualTo(300);
  }

  @Test
  void badValuesFailWithTheValueAndTheRule() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnalyzerConfig.builder().topN(0))
        .withMessage("0: illegal topN. Expecting 1 to 1000.");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnalyzerConfig.builder().topN(30).maxSeries(10).build())
        .withMessage("10: illegal maxSeries. Expecting at least topN (30).");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnalyzerConfig.builder().maxTrackedThreads(-1))
        .withMessage("-1: illegal maxTrackedThreads. Expecting 0 to 268435456.");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnalyzerConfig.builder().window(Duration.ofMillis(500)))
        .withMessage("500ms: illegal window. Expecting 1 s to 1 h.");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnalyzerConfig.builder().windowSlices(61))
        .withMessage("61: illegal windowSlices. Expecting 1 to 60.");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnalyzerConfig.builder().libraryPackages("io.netty.", " "))
        .withMessage("\" \": illegal package prefix. Expecting a name.");
  }
}
