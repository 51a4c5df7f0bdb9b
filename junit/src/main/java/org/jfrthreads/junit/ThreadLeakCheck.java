package org.jfrthreads.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a test for every thread, platform or virtual, that it started and left running.
 *
 * <pre>{@code
 * @ThreadLeakCheck
 * class OrderServiceTest {
 *
 *   @Test
 *   void fansOut() { ... }            // fails if a thread it started outlives it by 2 s
 *
 *   @Test
 *   @ThreadLeakCheck(graceMillis = 10_000, ignoreNames = "kafka-producer-network-thread.*")
 *   void sends() { ... }
 * }
 * }</pre>
 *
 * <p>On a class it applies to every test of the class and of its {@code @Nested} classes; on a
 * method, to that test, in place of the class's. The one found closest to the test is used whole:
 * its attributes are not merged with an enclosing one's. Without any annotation, a globally
 * registered {@link ThreadLeakExtension} reads the same settings from JUnit configuration
 * parameters ({@code jfrthreads.threadleak.*}, see {@link ThreadLeakExtension}).
 *
 * @since 0.1.0
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ThreadLeakExtension.class)
public @interface ThreadLeakCheck {

  /** The grace period of {@link #graceMillis()} unless set. */
  long DEFAULT_GRACE_MILLIS = 2_000;

  /**
   * How long, in milliseconds, threads started by the test may take to end after it returns; 0 or
   * more, default 2,000. A test that leaks nothing pays none of it.
   */
  long graceMillis() default DEFAULT_GRACE_MILLIS;

  /**
   * Regular expressions of thread names that are never a leak: a pool that a framework keeps on
   * purpose ({@code "kafka-producer-network-thread.*"}). Matched against the whole name.
   */
  String[] ignoreNames() default {};

  /**
   * Prefixes of creation sites that are never a leak ({@code "com.zaxxer.hikari."}). The creation
   * site is the first frame outside the JDK of the stack that called {@code Thread.start}, as JFR
   * recorded it; a virtual thread has none (JFR does not record where one was started), so for it
   * the prefix is matched against the outermost application frame of its stack, the code it runs.
   */
  String[] ignoreSites() default {};

  /** When threads are counted; {@link Scope#METHOD} unless set. */
  Scope scope() default Scope.METHOD;

  /** Whether a leak is only reported (log line and report entry) instead of failing. */
  boolean warnOnly() default false;

  /** When the check runs. */
  enum Scope {
    /**
     * After each test, for the threads that test started; and after the class, for those its
     * {@code @BeforeAll} and {@code @AfterAll} methods left.
     */
    METHOD,
    /**
     * After the class only, for all the threads started by its tests and lifecycle methods: for
     * classes whose tests share threads on purpose. Only valid on a class.
     */
    CLASS
  }
}
