package org.jfrthreads.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs fixture classes that leak threads through JUnit's own engine ({@link EngineTestKit}) and
 * checks what the extension makes of them. The fixtures are static nested classes, which build
 * tools do not run by themselves; their threads really run and are ended after each test.
 */
class ThreadLeakExtensionTest {

  @AfterEach
  void endFixtureThreads() throws InterruptedException {
    Leaks.releaseAll();
  }

  @Test
  void platformThreadLeakFailsTheTestAndNamesTheMethodThatStartedIt() {
    EngineExecutionResults results = run(LeaksPlatformThread.class);

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
    assertThat(failures(results.testEvents()))
        .singleElement()
        .asString()
        .startsWith("1 thread leaked by startsAWorkerAndForgetsIt(), still alive 100 ms after it:")
        .contains("- platform thread \"leaky-worker\" (id ")
        .contains(
            "started by: org.jfrthreads.junit.ThreadLeakExtensionTest$LeaksPlatformThread"
                + ".startsAWorkerAndForgetsIt")
        .contains("now in:     org.jfrthreads.junit.Leaks.awaitRelease(Leaks.java:");
  }

  @Test
  void annotationOnAMethodChecksThatTestOnly() {
    EngineExecutionResults results = run(AnnotatedMethods.class);

    results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
    assertThat(failures(results.testEvents()))
        .singleElement()
        .asString()
        .startsWith("1 thread leaked by checked(), still alive 100 ms after it:")
        .contains("\"checked-worker\"");
    assertThat(results.allEvents().reportingEntryPublished().count()).isEqualTo(1);
  }

  @Test
  void virtualThreadLeakFailsTheTestAndNamesItsContainer() {
    EngineExecutionResults results = run(LeaksVirtualThreads.class);

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(failures(results.testEvents()))
        .singleElement()
        .asString()
        .startsWith("2 threads leaked by startsVirtualThreads()")
        .contains("- virtual thread \"leaky-virtual\" (id ")
        .contains(" in container java.util.concurrent.ThreadPerTaskExecutor@")
        .contains("started by: " + LeakCheck.VIRTUAL_CREATION_UNKNOWN)
        .contains("now in:     org.jfrthreads.junit.Leaks.awaitRelease(Leaks.java:");
  }

  @Test
  void threadThatEndsWithinTheGracePeriodPasses() {
    run(EndsSoon.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void threadsIgnoredByNameOrCreationSitePass() {
    run(IgnoredByName.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
    run(IgnoredBySite.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
    run(VirtualIgnoredByTask.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
    EngineExecutionResults ignoredByMethod = run(IgnoredByTheMethodOnly.class);
    ignoredByMethod.testEvents().assertStatistics(stats -> stats.succeeded(1));
    ignoredByMethod.containerEvents().assertStatistics(stats -> stats.failed(0));
  }

  @Test
  void threadsTheJdkKeepsAreNotLeaks() {
    run(UsesJdkPools.class).testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void warnOnlyPassesAndPublishesTheReport() {
    EngineExecutionResults results = run(WarnsOnly.class);

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    List<String> reports =
        results.allEvents().reportingEntryPublished().stream()
            .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
            .map(entries -> entries.get(ThreadLeakExtension.REPORT_KEY))
            .toList();
    assertThat(reports)
        .singleElement()
        .asString()
        .startsWith("1 thread leaked by leaks()")
        .contains("platform thread \"tolerated-worker\"");
  }

  @Test
  void classScopeLetsTestsShareThreadsAndFailsTheClassForWhatOutlivesIt() {
    EngineExecutionResults shared = run(SharesAWorkerAcrossTests.class);
    shared.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    shared.containerEvents().assertStatistics(stats -> stats.failed(0));

    EngineExecutionResults results = run(ClassScopeLeak.class);
    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    assertThat(failures(results.containerEvents()))
        .singleElement()
        .asString()
        .startsWith("1 thread leaked by the tests of ClassScopeLeak")
        .contains("started by: org.jfrthreads.junit.ThreadLeakExtensionTest$ClassScopeLeak.first");
  }

  @Test
  void threadLeftByBeforeAllFailsTheClass() {
    EngineExecutionResults results = run(LeaksInBeforeAll.class);

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    assertThat(failures(results.containerEvents()))
        .singleElement()
        .asString()
        .startsWith("1 thread leaked by LeaksInBeforeAll outside its tests")
        .contains("ThreadLeakExtensionTest$LeaksInBeforeAll.startWorker");
  }

  @Test
  void nestedClassesAreCheckedWithTheEnclosingSettings() {
    EngineExecutionResults results = run(EnclosesALeak.class);

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
    assertThat(failures(results.testEvents()))
        .singleElement()
        .asString()
        .startsWith("1 thread leaked by leaksFromANestedClass(), still alive 100 ms after it")
        .contains("ThreadLeakExtensionTest$EnclosesALeak$Inner.leaksFromANestedClass");
  }

  @Test
  void globalRegistrationReadsConfigurationParameters() {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(NotAnnotated.class))
            .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
            .configurationParameter(LeakCheckSettings.GRACE_MILLIS, "100")
            .configurationParameter(LeakCheckSettings.IGNORE_NAMES, "kept-.*, other")
            .execute();

    results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(failures(results.testEvents()))
        .singleElement()
        .asString()
        .startsWith("1 thread leaked by leaks(), still alive 100 ms after it")
        .contains("\"unannotated-worker\"")
        .doesNotContain("kept-worker");
  }

  @Test
  void parallelExecutionIsRefusedUnlessTheClassIsIsolated() {
    EngineExecutionResults refused = runInParallel(LeaksPlatformThread.class);
    refused.testEvents().assertStatistics(stats -> stats.started(0));
    assertThat(failures(refused.containerEvents()))
        .singleElement()
        .asString()
        .isEqualTo(
            "ThreadLeakExtensionTest$LeaksPlatformThread: thread leaks cannot be checked while tests run in parallel"
                + " (junit.jupiter.execution.parallel.enabled=true): threads of a test running at"
                + " the same time would be taken for its leaks. Annotate the class @Isolated, or"
                + " run the checked tests without parallel execution.");

    EngineExecutionResults isolated = runInParallel(IsolatedLeak.class);
    isolated.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
    assertThat(failures(isolated.testEvents()))
        .singleElement()
        .asString()
        .startsWith("1 thread leaked by leaks()");
  }

  private static EngineExecutionResults run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
  }

  private static EngineExecutionResults runInParallel(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(fixture))
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
        .execute();
  }

  private static List<String> failures(Events events) {
    return events.failed().stream()
        .map(event -> event.getRequiredPayload(TestExecutionResult.class))
        .map(result -> result.getThrowable().orElseThrow().getMessage())
        .toList();
  }

  // ---- fixtures: run only through EngineTestKit ----

  @ThreadLeakCheck(graceMillis = 100)
  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class LeaksPlatformThread {
    @Test
    void startsAWorkerAndForgetsIt() {
      Leaks.track(new Thread(Leaks.untilReleased(), "leaky-worker")).start();
    }

    @Test
    void startsNothing() {}
  }

  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class AnnotatedMethods {
    @Test
    @ThreadLeakCheck(graceMillis = 100)
    void checked() {
      Leaks.track(new Thread(Leaks.untilReleased(), "checked-worker")).start();
    }

    @Test
    @ThreadLeakCheck(graceMillis = 100, warnOnly = true)
    void onlyWarned() {
      Leaks.track(new Thread(Leaks.untilReleased(), "warned-worker")).start();
    }

    @Test
    void notChecked() {
      Leaks.track(new Thread(Leaks.untilReleased(), "unchecked-worker")).start();
    }
  }

  @ThreadLeakCheck(graceMillis = 100)
  static class LeaksVirtualThreads {
    @Test
    void startsVirtualThreads() {
      Leaks.track(Thread.ofVirtual().name("leaky-virtual").start(Leaks.untilReleased()));
      ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
      executor.execute(Leaks.untilReleased());
    }
  }

  @ThreadLeakCheck(graceMillis = 30_000)
  static class EndsSoon {
    @Test
    void startsAThreadThatEndsAfterTheTest() {
      new Thread(EndsSoon::sleepAWhile, "short-lived").start();
    }

    private static void sleepAWhile() {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @ThreadLeakCheck(graceMillis = 100, ignoreNames = "kept-pool-\\d+")
  static class IgnoredByName {
    @Test
    void leaksAThreadOfAKeptPool() {
      Leaks.track(new Thread(Leaks.untilReleased(), "kept-pool-1")).start();
    }
  }

  @ThreadLeakCheck(
      graceMillis = 100,
      ignoreSites = "org.jfrthreads.junit.ThreadLeakExtensionTest$IgnoredBySite")
  static class IgnoredBySite {
    @Test
    void leaksAThreadFromAnIgnoredSite() {
      Leaks.track(new Thread(Leaks.untilReleased(), "from-ignored-site")).start();
    }
  }

  @ThreadLeakCheck(graceMillis = 100)
  static class IgnoredByTheMethodOnly {
    @Test
    @ThreadLeakCheck(graceMillis = 100, ignoreNames = "kept-by-method")
    void leaksAThreadItsAnnotationIgnores() {
      Leaks.track(new Thread(Leaks.untilReleased(), "kept-by-method")).start();
    }
  }

  @ThreadLeakCheck(graceMillis = 100, ignoreSites = "org.jfrthreads.junit.Leaks.")
  static class VirtualIgnoredByTask {
    @Test
    void leaksAVirtualThreadRunningAnIgnoredTask() {
      Leaks.track(Thread.ofVirtual().start(Leaks.untilReleased()));
    }
  }

  @ThreadLeakCheck(graceMillis = 100)
  static class UsesJdkPools {
    @Test
    void startsVirtualThreadsAndUsesTheCommonPool() throws Exception {
      Thread.ofVirtual().start(() -> {}).join();
      CompletableFuture.runAsync(() -> {}).get();
      IntStream.range(0, 1_000).parallel().sum();
    }
  }

  @ThreadLeakCheck(graceMillis = 100, warnOnly = true)
  static class WarnsOnly {
    @Test
    void leaks() {
      Leaks.track(new Thread(Leaks.untilReleased(), "tolerated-worker")).start();
    }
  }

  @ThreadLeakCheck(graceMillis = 100, scope = ThreadLeakCheck.Scope.CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class SharesAWorkerAcrossTests {
    private static Thread worker;

    @Test
    @Order(1)
    void startsTheWorker() {
      worker = new Thread(Leaks.untilReleased(), "shared-worker");
      worker.start();
    }

    @Test
    @Order(2)
    void stopsTheWorker() throws InterruptedException {
      worker.interrupt();
      worker.join();
    }
  }

  @ThreadLeakCheck(graceMillis = 100, scope = ThreadLeakCheck.Scope.CLASS)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class ClassScopeLeak {
    @Test
    @Order(1)
    void first() {
      Leaks.track(new Thread(Leaks.untilReleased(), "class-scope-worker")).start();
    }

    @Test
    @Order(2)
    void second() {}
  }

  @ThreadLeakCheck(graceMillis = 100)
  static class LeaksInBeforeAll {
    @BeforeAll
    static void startWorker() {
      Leaks.track(new Thread(Leaks.untilReleased(), "before-all-worker")).start();
    }

    @Test
    void usesTheWorker() {}
  }

  @ThreadLeakCheck(graceMillis = 100)
  static class EnclosesALeak {
    @Test
    void outerTest() {}

    @Nested
    class Inner {
      @Test
      void leaksFromANestedClass() {
        Leaks.track(new Thread(Leaks.untilReleased(), "nested-worker")).start();
      }
    }
  }

  static class NotAnnotated {
    @Test
    void leaks() {
      Leaks.track(new Thread(Leaks.untilReleased(), "unannotated-worker")).start();
      Leaks.track(new Thread(Leaks.untilReleased(), "kept-worker")).start();
    }
  }

  @Isolated
  @Execution(ExecutionMode.SAME_THREAD)
  @ThreadLeakCheck(graceMillis = 100)
  static class IsolatedLeak {
    @Test
    void leaks() {
      Leaks.track(new Thread(Leaks.untilReleased(), "isolated-worker")).start();
    }
  }
}
