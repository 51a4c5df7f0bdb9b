package org.jfrthreads.analyzer.sampler;

import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;
import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code jdk.management.VirtualThreadSchedulerMXBean} where the JVM has it (JDK 24+),
 * reflectively, so that the library compiles for and runs on Java 21.
 *
 * <p>Thread-safe: immutable after construction.
 */
final class VirtualSchedulerProbe {

  private static final Logger LOG = LoggerFactory.getLogger(VirtualSchedulerProbe.class);
  private static final String BEAN = "jdk.management.VirtualThreadSchedulerMXBean";

  private final Object bean;
  private final Method mounted;
  private final Method queued;

  private VirtualSchedulerProbe(Object bean, Method mounted, Method queued) {
    this.bean = bean;
    this.mounted = mounted;
    this.queued = queued;
  }

  /** A probe of this JVM's scheduler; one that reports unavailable where there is none. */
  static VirtualSchedulerProbe ofPlatform() {
    try {
      Class<? extends PlatformManagedObject> type =
          Class.forName(BEAN).asSubclass(PlatformManagedObject.class);
      Object bean = ManagementFactory.getPlatformMXBean(type);
      if (bean == null) {
        return unavailable();
      }
      return new VirtualSchedulerProbe(
          bean,
          type.getMethod("getMountedVirtualThreadCount"),
          type.getMethod("getQueuedVirtualThreadCount"));
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.debug(
          "{} not available; virtual thread mounted and queued counts not reported.", BEAN, e);
      return unavailable();
    }
  }

  static VirtualSchedulerProbe unavailable() {
    return new VirtualSchedulerProbe(null, null, null);
  }

  boolean available() {
    return bean != null;
  }

  /** The scheduler's counts now, or {@link VirtualSchedulerCounts#UNAVAILABLE}. */
  VirtualSchedulerCounts read() {
    if (bean == null) {
      return VirtualSchedulerCounts.UNAVAILABLE;
    }
    try {
      long mountedNow = ((Number) mounted.invoke(bean)).longValue();
      long queuedNow = ((Number) queued.invoke(bean)).longValue();
      if (mountedNow < 0 || queuedNow < 0) {
        return VirtualSchedulerCounts.UNAVAILABLE;
      }
      return new VirtualSchedulerCounts(true, mountedNow, queuedNow);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("Reading {} failed.", BEAN, e);
      return VirtualSchedulerCounts.UNAVAILABLE;
    }
  }
}
