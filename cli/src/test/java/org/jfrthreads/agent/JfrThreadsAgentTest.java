package org.jfrthreads.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class JfrThreadsAgentTest {

  @Test
  void aCheckThatNeverEndsIsGivenUpAndInterrupted() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);

    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                JfrThreadsAgent.within(
                    Duration.ofMillis(100),
                    () -> {
                      try {
                        never.await();
                      } catch (InterruptedException e) {
                        interrupted.countDown();
                      }
                      return "done";
                    }))
        .withMessage(
            "the options were not read within 100ms (is the configuration file on a file system"
                + " that does not answer?).");
    interrupted.await();
  }

  @Test
  void aCheckThatEndsGivesItsValueOrItsOwnError() {
    assertThat(JfrThreadsAgent.within(Duration.ofSeconds(30), () -> "checked"))
        .isEqualTo("checked");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                JfrThreadsAgent.within(
                    Duration.ofSeconds(30),
                    () -> {
                      throw new IllegalArgumentException("topN=0: illegal topN.");
                    }))
        .withMessage("topN=0: illegal topN.");
  }
}
