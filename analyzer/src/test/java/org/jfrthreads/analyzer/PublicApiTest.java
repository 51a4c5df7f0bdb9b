package org.jfrthreads.analyzer;

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
    assertThat(PublicTypes.of(ThreadEventAnalyzer.class))
        .as(PublicTypes.CHANGED)
        .containsExactly(
            "org.jfrthreads.analyzer.AnalyzerConfig",
            "org.jfrthreads.analyzer.AnalyzerConfig$Builder",
            "org.jfrthreads.analyzer.AnalyzerStatistics",
            "org.jfrthreads.analyzer.BlockedSeries",
            "org.jfrthreads.analyzer.DurationHistogram",
            "org.jfrthreads.analyzer.DurationHistogram$BucketConsumer",
            "org.jfrthreads.analyzer.ExemplarStatistics",
            "org.jfrthreads.analyzer.LeakDetectorConfig",
            "org.jfrthreads.analyzer.LeakDetectorConfig$Builder",
            "org.jfrthreads.analyzer.LeakDetectorSnapshot",
            "org.jfrthreads.analyzer.LeakSeriesState",
            "org.jfrthreads.analyzer.PinnedSeries",
            "org.jfrthreads.analyzer.SiteLiveCount",
            "org.jfrthreads.analyzer.ThreadActivitySnapshot",
            "org.jfrthreads.analyzer.ThreadCounts",
            "org.jfrthreads.analyzer.ThreadEventAnalyzer",
            "org.jfrthreads.analyzer.ThreadKind",
            "org.jfrthreads.analyzer.TraceExemplar",
            "org.jfrthreads.analyzer.TracedBlocking",
            "org.jfrthreads.analyzer.VirtualLifecycle",
            "org.jfrthreads.analyzer.VirtualThreadEvidence",
            "org.jfrthreads.analyzer.sampler.SamplerStatistics",
            "org.jfrthreads.analyzer.sampler.StateCount",
            "org.jfrthreads.analyzer.sampler.ThreadStateSample",
            "org.jfrthreads.analyzer.sampler.ThreadStateSampler",
            "org.jfrthreads.analyzer.sampler.ThreadStateSampler$Builder",
            "org.jfrthreads.analyzer.sampler.VirtualSchedulerCounts",
            "org.jfrthreads.analyzer.sampler.VirtualThreadStates");
  }
}
