package org.jfrthreads.exporter.internal.settings;

/** Where a setting applies. */
public enum Scope {
  /** What JFR records and how the analyzer counts it: the library, the agent and the sidecar. */
  EVENTS,
  /**
   * Work done inside the watched JVM, such as the state sampler: the library and the agent; the
   * sidecar, which follows another JVM through JFR alone, refuses them.
   */
  IN_PROCESS,
  /**
   * The {@code /metrics} endpoint that the agent or the sidecar serves, such as basic
   * authentication and TLS; an application that embeds the library sets them on its builder.
   */
  ENDPOINT,
  /** The agent's alone, such as its own log. */
  AGENT
}
