package org.jfrthreads.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jfrthreads.junit.ThreadDump.DumpedThread;
import org.junit.jupiter.api.Test;

class ThreadDumpTest {

  @Test
  void readsTheDumpOfJdk21WhichGivesNeitherStateNorVirtual() throws Exception {
    String json =
        """
        {
          "threadDump": {
            "processId": "4242",
            "time": "2024-01-01T00:00:00Z",
            "runtimeVersion": "21.0.2+13",
            "threadContainers": [
              {
                "container": "<root>",
                "parent": null,
                "owner": null,
                "threads": [
                 {
                   "tid": "1",
                   "name": "main",
                   "stack": [
                      "java.base\\/java.lang.Thread.sleep(Thread.java:509)",
                      "com.example.Main.main(Main.java:5)"
                   ]
                 }
                ],
                "threadCount": "1"
              },
              {
                "container": "java.util.concurrent.ThreadPerTaskExecutor@1b6d3586",
                "parent": "<root>",
                "owner": null,
                "threads": [
                 {
                   "tid": "31",
                   "name": "",
                   "stack": [
                      "java.base\\/java.lang.VirtualThread.park(VirtualThread.java:582)",
                      "com.example.Work.run(Work.java:12)"
                   ]
                 }
                ],
                "threadCount": "1"
              }
            ]
          }
        }
        """;

    assertThat(ThreadDump.parse(json))
        .containsExactly(
            new DumpedThread(
                1,
                "main",
                "",
                false,
                "<root>",
                List.of(
                    "java.base/java.lang.Thread.sleep(Thread.java:509)",
                    "com.example.Main.main(Main.java:5)")),
            new DumpedThread(
                31,
                "",
                "",
                false,
                "java.util.concurrent.ThreadPerTaskExecutor@1b6d3586",
                List.of(
                    "java.base/java.lang.VirtualThread.park(VirtualThread.java:582)",
                    "com.example.Work.run(Work.java:12)")));
  }

  @Test
  void findsALiveVirtualThreadWithItsStateInThisJvmsDump() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Thread virtual = Thread.ofVirtual().name("dumped-virtual").start(() -> await(release));
    try {
      while (virtual.getState() != Thread.State.WAITING) {
        Thread.sleep(1); // until it waits in await(), so that the dump shows that frame
      }
      List<DumpedThread> dumped = ThreadDump.take();

      assertThat(dumped)
          .filteredOn(thread -> thread.id() == virtual.threadId())
          .singleElement()
          .satisfies(
              thread -> {
                assertThat(thread.name()).isEqualTo("dumped-virtual");
                assertThat(thread.container()).isEqualTo("<root>");
                assertThat(thread.stack())
                    .anyMatch(frame -> frame.contains("ThreadDumpTest.await"));
                if (Runtime.version().feature() >= 25) {
                  assertThat(thread.markedVirtual()).isTrue();
                  assertThat(thread.state()).isEqualTo("WAITING");
                }
              });
    } finally {
      release.countDown();
      virtual.join();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
