package org.jfrthreads.junit;

import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extension behind {@link ThreadLeakCheck}: fails a test for every thread it started and left
 * running, naming where each was started and where it is now.
 *
 * <p>Registered by {@link ThreadLeakCheck}, or for every test of a run through JUnit's extension
 * auto-detection ({@code junit.jupiter.extensions.autodetection.enabled=true}; this jar lists the
 * extension in {@code META-INF/services}). Tests without the annotation then take their settings
 * from configuration parameters:
 *
 * <pre>
 * jfrthreads.threadleak.graceMillis=2000
 * jfrthreads.threadleak.ignoreNames=kafka-.*,OkHttp .*      (comma-separated regular expressions)
 * jfrthreads.threadleak.ignoreSites=com.zaxxer.hikari.      (comma-separated prefixes)
 * jfrthreads.threadleak.scope=method                        (method or class)
 * jfrthreads.threadleak.warnOnly=false
 * </pre>
 *
 * <p>The first check of a JVM starts a JFR stream of {@code jdk.ThreadStart} events (with stacks)
 * that runs until the JVM exits: about a second, once. A test that makes no thread then costs one
 * unstarted {@code Thread}; one that makes threads costs a JSON thread dump (a few milliseconds),
 * and the grace period only if some outlive it.
 *
 * <p>Parallel execution in one JVM ({@code junit.jupiter.execution.parallel.enabled=true}) is
 * refused unless the checked class is {@link Isolated @Isolated} (and, per method, its tests run in
 * the same thread): threads of a test running at the same time would be taken for the checked
 * test's leaks.
 *
 * @since 0.1.0
 */
public final class ThreadLeakExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  /** The key of the report entry a warn-only check publishes. */
  public static final String REPORT_KEY = "jfr-threads.leakedThreads";

  private static final Logger log = LoggerFactory.getLogger(ThreadLeakExtension.class);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ThreadLeakExtension.class);
  private static final String PENDING = "pending";
  private static final String CLASS_SETTINGS = "classSettings";

  private static volatile LeakCheck check;

  /** Called by JUnit. */
  public ThreadLeakExtension() {}

  /** A check begun: its mark and settings, kept in the store of the context that began it. */
  private record Pending(LiveThreads.Mark mark, LeakCheckSettings settings) {}

  @Override
  public void beforeAll(ExtensionContext context) {
    LeakCheckSettings settings = settings(context);
    // Kept for the tests of the class (found through their parent store), which then need not
    // look for annotations up the context chain twice per test.
    context.getStore(NAMESPACE).put(CLASS_SETTINGS, settings);
    begin(context, settings);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    LeakCheckSettings settings = testSettings(context);
    if (settings.scope() == ThreadLeakCheck.Scope.METHOD) {
      begin(context, settings);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    end(context, testName(context));
  }

  // "leaks()", or "test() [repetition 3 of 50]" when JUnit shows the test under another name.
  private static String testName(ExtensionContext context) {
    String shown = context.getDisplayName();
    return context
        .getTestMethod()
        .map(method -> method.getName() + "()")
        .map(name -> name.equals(shown) ? name : name + " [" + shown + "]")
        .orElse(shown);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    String testClass = context.getRequiredTestClass().getSimpleName();
    Pending pending = context.getStore(NAMESPACE).get(PENDING, Pending.class);
    boolean classScope =
        pending != null && pending.settings().scope() == ThreadLeakCheck.Scope.CLASS;
    end(
        context,
        classScope
            ? "the tests of " + testClass
            : testClass + " outside its tests (@BeforeAll, @AfterAll, constructors)");
  }

  private static void begin(ExtensionContext context, LeakCheckSettings settings) {
    refuseParallel(context, settings);
    check(); // starts JFR first, so that its own threads come before the mark
    context.getStore(NAMESPACE).put(PENDING, new Pending(LiveThreads.mark(), settings));
  }

  // Store.remove acts on this context's own store only, never a parent's: a test's end does not
  // take the mark of its class.
  private static void end(ExtensionContext context, String leaker)
      throws IOException, InterruptedException {
    Pending pending = context.getStore(NAMESPACE).remove(PENDING, Pending.class);
    if (pending == null) {
      return;
    }
    LeakCheckSettings settings = pending.settings();
    List<LeakedThread> leaks = check().run(pending.mark(), settings);
    if (leaks.isEmpty()) {
      return;
    }
    String message = LeakReport.format(leaker, settings.graceMillis(), leaks);
    if (settings.warnOnly()) {
      log.warn("jfr-threads: {}", message);
      context.publishReportEntry(REPORT_KEY, message);
    } else {
      throw new AssertionFailedError(message);
    }
  }

  // A test's own annotation, else its class's settings as beforeAll found them.
  private static LeakCheckSettings testSettings(ExtensionContext context) {
    Optional<Method> method = context.getTestMethod();
    if (method.isPresent()) {
      Optional<ThreadLeakCheck> own =
          AnnotationSupport.findAnnotation(method.get(), ThreadLeakCheck.class);
      if (own.isPresent()) {
        return LeakCheckSettings.of(
            own.get(), name(method.get()), true, context::getConfigurationParameter);
      }
    }
    LeakCheckSettings ofClass =
        context.getStore(NAMESPACE).get(CLASS_SETTINGS, LeakCheckSettings.class);
    return ofClass != null ? ofClass : settings(context);
  }

  private static LeakCheck check() {
    LeakCheck shared = check;
    if (shared == null) {
      synchronized (ThreadLeakExtension.class) {
        shared = check;
        if (shared == null) {
          shared = new LeakCheck(ThreadStartLog.shared());
          check = shared;
        }
      }
    }
    return shared;
  }

  /**
   * The settings of the annotation closest to the test (method, class, enclosing classes), or of
   * the configuration parameters when there is none.
   */
  static LeakCheckSettings settings(ExtensionContext context) {
    for (Optional<ExtensionContext> at = Optional.of(context);
        at.isPresent();
        at = at.get().getParent()) {
      Optional<AnnotatedElement> element = at.get().getElement();
      if (element.isEmpty()) {
        continue;
      }
      Optional<ThreadLeakCheck> found =
          AnnotationSupport.findAnnotation(element.get(), ThreadLeakCheck.class);
      if (found.isPresent()) {
        boolean onMethod = element.get() instanceof Method;
        return LeakCheckSettings.of(
            found.get(), name(element.get()), onMethod, context::getConfigurationParameter);
      }
    }
    return LeakCheckSettings.fromConfiguration(context::getConfigurationParameter);
  }

  private static void refuseParallel(ExtensionContext context, LeakCheckSettings settings) {
    if (!settings.parallel()) {
      return;
    }
    boolean isolated = false;
    for (Optional<ExtensionContext> at = Optional.of(context);
        at.isPresent() && !isolated;
        at = at.get().getParent()) {
      isolated =
          at.get()
              .getTestClass()
              .map(type -> AnnotationSupport.isAnnotated(type, Isolated.class))
              .orElse(false);
    }
    boolean sameThread =
        settings.scope() == ThreadLeakCheck.Scope.CLASS
            || context.getTestMethod().isEmpty()
            || context.getExecutionMode() == ExecutionMode.SAME_THREAD;
    if (!isolated || !sameThread) {
      throw new ExtensionConfigurationException(
          context.getDisplayName()
              + ": thread leaks cannot be checked while tests run in parallel ("
              + LeakCheckSettings.PARALLEL
              + "=true): threads of a test running at the same time would be taken for its"
              + " leaks. Annotate the class @Isolated"
              + (sameThread ? "" : " and @Execution(SAME_THREAD)")
              + ", or run the checked tests without parallel execution.");
    }
  }

  private static String name(AnnotatedElement element) {
    return element instanceof Method method
        ? method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()"
        : element instanceof Class<?> type ? type.getName() : element.toString();
  }
}
