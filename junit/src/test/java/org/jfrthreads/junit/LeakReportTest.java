package org.jfrthreads.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeakReportTest {

  @Test
  void listsEveryThreadWithWhereItWasStartedAndWhereItIs() {
    List<LeakedThread> leaks =
        List.of(
            new LeakedThread(
                43,
                false,
                "cache-refresher",
                "TIMED_WAITING",
                "com.example.CacheTest.refreshesInTheBackground",
                "",
                List.of(
                    "com.example.Cache.refreshLoop(Cache.java:40)",
                    "com.example.Cache.lambda$start$0(Cache.java:22)")),
            new LeakedThread(
                57,
                true,
                "",
                "",
                LeakCheck.VIRTUAL_CREATION_UNKNOWN,
                "java.util.concurrent.ThreadPerTaskExecutor@1b6d3586",
                List.of("com.example.Work.run(Work.java:12)")));

    assertThat(LeakReport.format("refreshesInTheBackground()", 2000, leaks))
        .isEqualTo(
            """
            2 threads leaked by refreshesInTheBackground(), still alive 2000 ms after it:
            - platform thread "cache-refresher" (id 43, TIMED_WAITING)
                started by: com.example.CacheTest.refreshesInTheBackground
                now in:     com.example.Cache.refreshLoop(Cache.java:40)
                            com.example.Cache.lambda$start$0(Cache.java:22)
            - virtual thread "" (id 57) in container \
            java.util.concurrent.ThreadPerTaskExecutor@1b6d3586
                started by: not recorded (JFR records no stack of the start of a virtual thread)
                now in:     com.example.Work.run(Work.java:12)
            Stop them before the test ends (close the executor, interrupt and join the thread), \
            or ignore them with @ThreadLeakCheck(ignoreNames = ..., ignoreSites = ...).""");
  }
}
