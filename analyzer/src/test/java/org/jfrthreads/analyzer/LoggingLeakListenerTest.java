package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoggingLeakListenerTest {

  @Test
  void warningOfAKindNamesItsTopCreationSites() {
    LeakEpisode episode =
        new LeakEpisode(
            new LeakSeriesState(ThreadKind.PLATFORM, LeakDetector.ALL_SITES, 320, true, 200, 1.0),
            0,
            List.of(
                new LeakSeriesState(
                    ThreadKind.PLATFORM, "com.example.Orders.fanOut", 130, true, 10, 0.98),
                new LeakSeriesState(
                    ThreadKind.PLATFORM, "com.example.Cache.refresh", 12, false, 8, 0.1)));

    assertThat(LoggingLeakListener.describeStart(episode))
        .isEqualTo(
            "Suspected thread leak: platform threads: 320 live, baseline 200, growing 1.00/s."
                + " Top creation sites: com.example.Orders.fanOut (130 live, baseline 10, 0.98/s),"
                + " com.example.Cache.refresh (12 live, baseline 8, 0.10/s).");
  }

  @Test
  void warningOfASiteNamesIt() {
    LeakEpisode episode =
        new LeakEpisode(
            new LeakSeriesState(
                ThreadKind.VIRTUAL, "com.example.Sessions.open", 5000, true, 1000, 42.5),
            0,
            List.of());

    assertThat(LoggingLeakListener.describeStart(episode))
        .isEqualTo(
            "Suspected thread leak: virtual threads in com.example.Sessions.open (their top frame"
                + " or container): 5000 live, baseline 1000, growing 42.50/s.");
  }

  @Test
  void warningOfASiteWithEvidenceNamesWhatItsThreadsDo() {
    LeakEpisode episode =
        new LeakEpisode(
                new LeakSeriesState(
                    ThreadKind.PLATFORM, "com.example.Sessions.open", 61, true, 0, 0.98),
                0,
                List.of())
            .withEvidence("top frames of 32 of them: com.example.Sessions.await (32)");

    assertThat(LoggingLeakListener.describeStart(episode))
        .isEqualTo(
            "Suspected thread leak: platform threads created at com.example.Sessions.open: 61 live,"
                + " baseline 0, growing 0.98/s. Suspected threads now: top frames of 32 of them:"
                + " com.example.Sessions.await (32).");
  }
}
