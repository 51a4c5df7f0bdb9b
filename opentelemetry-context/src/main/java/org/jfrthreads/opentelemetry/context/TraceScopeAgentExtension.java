package org.jfrthreads.opentelemetry.context;

import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;

/**
 * Installs the trace-scope wrapper from inside the OpenTelemetry Java agent, where the scopes of
 * the agent's instrumentation are made current: loaded as an agent extension,
 *
 * <pre>{@code
 * java -javaagent:opentelemetry-javaagent.jar \
 *      -Dotel.javaagent.extensions=jfr-threads-opentelemetry-context-<version>-javaagent-extension.jar ...
 * }</pre>
 *
 * <p>The agent loads it (from the {@code javaagent-extension} jar, which names it as a service) in
 * its own class loader, with the OpenTelemetry classes renamed to the agent's copy, and calls it
 * while it configures its SDK, before any instrumented code runs. The application then calls
 * nothing; a {@link TraceScopeEvents#install()} of its own would record its own scopes a second
 * time. Not for use outside the agent.
 *
 * @since 0.1.0
 */
public final class TraceScopeAgentExtension implements AutoConfigurationCustomizerProvider {

  /** Called by the agent, through {@link java.util.ServiceLoader}. */
  public TraceScopeAgentExtension() {}

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    TraceScopeEvents.install();
  }
}
