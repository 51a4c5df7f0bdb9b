package org.jfrthreads.opentelemetry.context;

import io.opentelemetry.context.Context;

/** The application of {@link LateInstallIT}: it uses the context before it installs the wrapper. */
public final class LateInstallApp {

  private LateInstallApp() {}

  public static void main(String[] args) {
    Context.current();
    System.out.println("install " + TraceScopeEvents.install());
  }
}
