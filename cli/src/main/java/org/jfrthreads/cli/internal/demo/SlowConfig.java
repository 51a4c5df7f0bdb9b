package org.jfrthreads.cli.internal.demo;

import java.util.concurrent.TimeUnit;

/**
 * A class whose static initializer takes 30 ms, loaded afresh by the demo to pin a virtual thread.
 */
final class SlowConfig {

  static {
    try {
      TimeUnit.MILLISECONDS.sleep(30);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private SlowConfig() {}
}
