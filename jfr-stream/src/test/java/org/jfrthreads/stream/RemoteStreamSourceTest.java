package org.jfrthreads.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The remote source over this JVM's own platform MBean server: the same JMX calls and the same
 * {@code RemoteRecordingStream} as for another JVM, without starting one (the exporter's WatchIT
 * does that).
 */
class RemoteStreamSourceTest {

  @Test
  void eventsOfTheTargetArriveThroughTheRemoteRecordingStream() throws Exception {
    Thread sleeper = Thread.ofPlatform().unstarted(() -> sleep(30));
    CountDownLatch sleepSeen = new CountDownLatch(1);
    CountDownLatch flushed = new CountDownLatch(1);
    ThreadEventSource source =
        ThreadEventSources.remoteJvm(
            ManagementFactory.getPlatformMBeanServer(),
            "this JVM over JMX",
            ThreadEventSettings.defaults());
    try (source) {
      source.start(
          new ThreadEventListener() {
            @Override
            public void onEvent(ThreadEvent event) {
              if (event instanceof ThreadBlocked blocked
                  && blocked.kind() == BlockingKind.SLEEP
                  && blocked.threadId() == sleeper.threadId()) {
                sleepSeen.countDown();
              }
            }

            @Override
            public void onFlush() {
              flushed.countDown();
            }
          });
      assertThat(flushed.await(30, TimeUnit.SECONDS)).isTrue();
      sleeper.start();
      sleeper.join();

      assertThat(sleepSeen.await(30, TimeUnit.SECONDS)).as("the 30 ms sleep arrived").isTrue();
      assertThat(source.statistics().running()).isTrue();
      assertThat(source.description()).isEqualTo("this JVM over JMX");
    }
    assertThat(source.awaitTermination(Duration.ofSeconds(30))).isTrue();
    assertThat(source.statistics().running()).isFalse();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
