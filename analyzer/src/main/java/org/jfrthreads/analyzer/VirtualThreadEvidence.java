package org.jfrthreads.analyzer;

import java.util.function.Consumer;

/**
 * Looks at the live virtual threads of a suspected leak, for the first notice of its episode:
 * {@code ThreadStateSampler::lookAtVirtualThreads} does it with one bounded virtual-thread dump.
 *
 * <pre>{@code
 * analyzer.virtualEvidenceFrom(sampler::lookAtVirtualThreads);
 * }</pre>
 *
 * @since 0.2
 */
@FunctionalInterface
public interface VirtualThreadEvidence {

  /**
   * Asks what the virtual threads of a group are doing. Returns at once and never blocks: the
   * answer comes later, once, on any thread.
   *
   * @param group a virtual-thread group given to the leak detector, or {@code "all"} for every
   *     virtual thread; not {@code null}
   * @param answer told their top application frames, as in {@link LeakEpisode#evidence()}, or
   *     {@code ""} if they could not be looked at; not {@code null}
   */
  void request(String group, Consumer<String> answer);
}
