package org.jfrthreads.cli.internal.report;

import java.util.ArrayList;
import java.util.List;
import org.jfrthreads.analyzer.AnalyzerStatistics;
import org.jfrthreads.analyzer.ThreadActivitySnapshot;
import org.jfrthreads.analyzer.ThreadCounts;
import org.jfrthreads.analyzer.ThreadKind;

/** What a reader should know about a report's data: what is absent, and why. */
final class ReportNotes {

  private ReportNotes() {}

  static List<String> of(
      ReportModel.Recording recording,
      ReportModel.Settings settings,
      ThreadActivitySnapshot snapshot) {
    List<String> notes = new ArrayList<>();
    ThreadCounts virtual = snapshot.counts(ThreadKind.VIRTUAL);
    boolean virtualLifecycle = virtual.started() + virtual.ended() > 0;
    boolean anyVirtual =
        virtualLifecycle
            || recording.events(ReportModel.VIRTUAL_THREAD_PINNED) > 0
            || snapshot.blocked().stream().anyMatch(s -> s.threadKind() == ThreadKind.VIRTUAL);
    if (!anyVirtual) {
      notes.add(
          "No virtual-thread events in this recording: a JDK before 21 records none, and JFR's"
              + " default settings leave jdk.VirtualThreadStart and jdk.VirtualThreadEnd off."
              + " Virtual-thread figures are absent, not zero.");
    } else if (!virtualLifecycle) {
      notes.add(
          "No jdk.VirtualThreadStart or jdk.VirtualThreadEnd events (off in JFR's default"
              + " settings): virtual-thread counts, lifetimes and timeline are absent, not zero."
              + " Record with jdk.VirtualThreadStart#enabled=true and"
              + " jdk.VirtualThreadEnd#enabled=true to get them.");
    }
    if (recording.eventsBelowThreshold() > 0) {
      notes.add(
          HumanUnits.count(recording.eventsBelowThreshold())
              + " blocking or pinned events were shorter than the thresholds ("
              + HumanUnits.duration(settings.blockingThresholdNanos())
              + " blocking, "
              + HumanUnits.duration(settings.pinnedThresholdNanos())
              + " pinned) and are left out: lower them with --threshold and --pinned-threshold.");
    }
    AnalyzerStatistics statistics = snapshot.statistics();
    if (statistics.unpairedEnds() > 0) {
      notes.add(
          HumanUnits.count(statistics.unpairedEnds())
              + " threads ended without a start in the recording (they began before it): their"
              + " lifetimes are unknown, and the timeline shows the change in live threads since"
              + " the recording began.");
    }
    if (statistics.untrackedStarts() > 0) {
      notes.add(
          HumanUnits.count(statistics.untrackedStarts())
              + " thread starts were counted but not followed for their lifetime (too many threads"
              + " alive at once, or no thread id).");
    }
    if (statistics.overflowedEvents() > 0) {
      notes.add(
          HumanUnits.count(statistics.overflowedEvents())
              + " blocking or pinned events came from more distinct classes or sites than are"
              + " tracked, and are counted under \"other\".");
    }
    return notes;
  }
}
