package org.jfrthreads.spring;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The settings of jfr-threads in a Spring Boot application, under {@code jfr-threads.*}. Each is
 * the setting of the same name that the agent takes, in kebab case ({@code threshold.park} is
 * {@code jfr-threads.threshold-park}); an unset one keeps the library's default, named in its
 * description. {@link SettingsMapping} hands them to the library.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(prefix = JfrThreadsProperties.PREFIX)
public class JfrThreadsProperties {

  public static final String PREFIX = "jfr-threads";

  /** Whether to watch this JVM's threads into the application's Prometheus registry. */
  private boolean enabled = true;

  /**
   * Shortest blocking reported, for monitor enter, monitor wait, park and sleep alike; default
   * 10ms.
   */
  private Duration threshold;

  /** Shortest wait to enter a synchronized block reported; default: threshold. */
  private Duration thresholdMonitorEnter;

  /** Shortest Object.wait reported; default: threshold. */
  private Duration thresholdMonitorWait;

  /** Shortest park (locks, queues, LockSupport) reported; default: threshold. */
  private Duration thresholdPark;

  /** Shortest sleep reported; default: threshold. */
  private Duration thresholdSleep;

  /** Shortest pinned blocking of a virtual thread reported; default 1ms. */
  private Duration thresholdPinned;

  /** Whether to follow virtual threads starting and ending; default true. */
  private Boolean virtualThreadLifecycle;

  /** Frames kept per stack, 1 to 64; default 16. */
  private Integer stackDepth;

  /** Classes or sites with series of their own per kind, 1 to 1000; default 20. */
  private Integer topN;

  /** Classes or sites tracked per kind, at least top-n; default 200. */
  private Integer maxSeries;

  /** Live threads followed for their lifetime; default 250000. */
  private Integer maxTrackedThreads;

  /** Span of the _recent_ summaries, 1s to 1h; default 1m. */
  private Duration window;

  /** Steps the window moves in, 1 to 60; default 6. */
  private Integer windowSlices;

  /** Extra class-name prefixes skipped when finding a site, for example io.netty. */
  private List<String> libraryPackages;

  /** Whether to sample platform threads' states, locks and frames; default true. */
  private Boolean stateSampling;

  /** Time between state samples, 1s to 1h; default 15s. */
  private Duration stateSamplerInterval;

  /**
   * Interval of the opt-in virtual-thread dump (virtual threads by state and frame); default off.
   */
  private Duration virtualThreadDump;

  /**
   * Live virtual threads above which the dump is skipped; default 10000. Needs virtual-thread-dump.
   */
  private Long virtualThreadDumpMaxLive;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Duration getThreshold() {
    return threshold;
  }

  public void setThreshold(Duration threshold) {
    this.threshold = threshold;
  }

  public Duration getThresholdMonitorEnter() {
    return thresholdMonitorEnter;
  }

  public void setThresholdMonitorEnter(Duration thresholdMonitorEnter) {
    this.thresholdMonitorEnter = thresholdMonitorEnter;
  }

  public Duration getThresholdMonitorWait() {
    return thresholdMonitorWait;
  }

  public void setThresholdMonitorWait(Duration thresholdMonitorWait) {
    this.thresholdMonitorWait = thresholdMonitorWait;
  }

  public Duration getThresholdPark() {
    return thresholdPark;
  }

  public void setThresholdPark(Duration thresholdPark) {
    this.thresholdPark = thresholdPark;
  }

  public Duration getThresholdSleep() {
    return thresholdSleep;
  }

  public void setThresholdSleep(Duration thresholdSleep) {
    this.thresholdSleep = thresholdSleep;
  }

  public Duration getThresholdPinned() {
    return thresholdPinned;
  }

  public void setThresholdPinned(Duration thresholdPinned) {
    this.thresholdPinned = thresholdPinned;
  }

  public Boolean getVirtualThreadLifecycle() {
    return virtualThreadLifecycle;
  }

  public void setVirtualThreadLifecycle(Boolean virtualThreadLifecycle) {
    this.virtualThreadLifecycle = virtualThreadLifecycle;
  }

  public Integer getStackDepth() {
    return stackDepth;
  }

  public void setStackDepth(Integer stackDepth) {
    this.stackDepth = stackDepth;
  }

  public Integer getTopN() {
    return topN;
  }

  public void setTopN(Integer topN) {
    this.topN = topN;
  }

  public Integer getMaxSeries() {
    return maxSeries;
  }

  public void setMaxSeries(Integer maxSeries) {
    this.maxSeries = maxSeries;
  }

  public Integer getMaxTrackedThreads() {
    return maxTrackedThreads;
  }

  public void setMaxTrackedThreads(Integer maxTrackedThreads) {
    this.maxTrackedThreads = maxTrackedThreads;
  }

  public Duration getWindow() {
    return window;
  }

  public void setWindow(Duration window) {
    this.window = window;
  }

  public Integer getWindowSlices() {
    return windowSlices;
  }

  public void setWindowSlices(Integer windowSlices) {
    this.windowSlices = windowSlices;
  }

  public List<String> getLibraryPackages() {
    return libraryPackages;
  }

  public void setLibraryPackages(List<String> libraryPackages) {
    this.libraryPackages = libraryPackages;
  }

  public Boolean getStateSampling() {
    return stateSampling;
  }

  public void setStateSampling(Boolean stateSampling) {
    this.stateSampling = stateSampling;
  }

  public Duration getStateSamplerInterval() {
    return stateSamplerInterval;
  }

  public void setStateSamplerInterval(Duration stateSamplerInterval) {
    this.stateSamplerInterval = stateSamplerInterval;
  }

  public Duration getVirtualThreadDump() {
    return virtualThreadDump;
  }

  public void setVirtualThreadDump(Duration virtualThreadDump) {
    this.virtualThreadDump = virtualThreadDump;
  }

  public Long getVirtualThreadDumpMaxLive() {
    return virtualThreadDumpMaxLive;
  }

  public void setVirtualThreadDumpMaxLive(Long virtualThreadDumpMaxLive) {
    this.virtualThreadDumpMaxLive = virtualThreadDumpMaxLive;
  }
}
