/**
 * A JUnit Jupiter extension that fails a test for every thread it leaked.
 *
 * <p>{@link org.jfrthreads.junit.ThreadLeakCheck} on a test class or method registers {@link
 * org.jfrthreads.junit.ThreadLeakExtension}. After each test it waits a grace period for the
 * threads made during the test to end, then fails the test for those still alive. Each is named
 * with its kind (platform or virtual), name and state; where it was started, the first application
 * frame of the {@code Thread.start} call as a JDK Flight Recorder {@code jdk.ThreadStart} event
 * recorded it; and where it is now. Virtual threads, which {@code Thread.getAllStackTraces} leaves
 * out, are found in the JDK's JSON thread dump, with the thread container (executor or structured
 * task scope) that started them; JFR records no start stack for them.
 *
 * <h2>Threading</h2>
 *
 * <p>Checks run on the test's thread, in JUnit's callbacks. What is shared by all checks of a JVM
 * (the JFR stream and the set of threads already examined) is safe to use from several threads;
 * whether concurrent tests can be checked at all is another matter, which {@link
 * org.jfrthreads.junit.ThreadLeakExtension} answers.
 *
 * <p>Nothing in this package returns or accepts {@code null}: absent text is {@code ""}.
 *
 * <p>{@code ThreadLeakCheck} and {@code ThreadLeakExtension} are the API; the rest is
 * package-private.
 */
package org.jfrthreads.junit;
