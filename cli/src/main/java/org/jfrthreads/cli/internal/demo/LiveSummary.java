package org.jfrthreads.cli.internal.demo;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jfrthreads.analyzer.BlockedSeries;
import org.jfrthreads.analyzer.DurationHistogram;
import org.jfrthreads.analyzer.LeakSeriesState;
import org.jfrthreads.analyzer.PinnedSeries;
import org.jfrthreads.analyzer.SiteLiveCount;
import org.jfrthreads.analyzer.ThreadActivitySnapshot;
import org.jfrthreads.analyzer.ThreadCounts;
import org.jfrthreads.analyzer.ThreadKind;
import org.jfrthreads.stream.BlockingKind;

/** Formats a snapshot as the few lines the demo prints every few seconds. */
final class LiveSummary {

  private LiveSummary() {}

  static String format(ThreadActivitySnapshot snapshot) {
    ThreadCounts platform = snapshot.counts(ThreadKind.PLATFORM);
    ThreadCounts virtual = snapshot.counts(ThreadKind.VIRTUAL);
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "threads live: %d platform, %d virtual | started: %d platform, %d virtual%n",
            platform.live(),
            virtual.live(),
            platform.started(),
            virtual.started()));
    out.append("  p99 over the window:");
    for (BlockingKind kind : BlockingKind.values()) {
      DurationHistogram recent =
          snapshot
              .recentBlocked(kind, ThreadKind.PLATFORM)
              .plus(snapshot.recentBlocked(kind, ThreadKind.VIRTUAL));
      out.append(' ').append(kind.label()).append(' ').append(millis(recent.valueAtQuantile(0.99)));
    }
    out.append(" | pinned ").append(millis(snapshot.recentPinned().valueAtQuantile(0.99)));
    out.append(System.lineSeparator());
    snapshot.blocked().stream()
        .sorted(Comparator.comparingLong((BlockedSeries s) -> s.durations().sumNanos()).reversed())
        .limit(3)
        .forEach(
            s ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "  blocked most: %-13s %-7s %-55s %s in %d events%n",
                        s.kind().label(),
                        s.threadKind() == ThreadKind.VIRTUAL ? "virtual" : "",
                        s.className(),
                        millis(s.durations().sumNanos()),
                        s.durations().count())));
    List<PinnedSeries> pinned = snapshot.pinned();
    pinned.stream()
        .limit(1)
        .forEach(
            p ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "  pinned: %s at %s, %d times%n",
                        p.reason(),
                        p.site(),
                        p.durations().count())));
    snapshot.liveBySite().stream()
        .filter(site -> !site.site().equals("other") && !site.site().equals("unknown"))
        .max(Comparator.comparingLong(SiteLiveCount::live))
        .ifPresent(
            site ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "  most live threads created at: %s (%d)%n",
                        site.site(),
                        site.live())));
    for (LeakSeriesState leak : snapshot.leaks().suspected()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  LEAK SUSPECTED: %s threads from %s, %d live, growing %.2f/s%n",
              leak.threadKind() == ThreadKind.VIRTUAL ? "virtual" : "platform",
              leak.site(),
              leak.live(),
              leak.growthPerSecond()));
    }
    return out.toString();
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
  }
}
