package org.jfrthreads.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jfrthreads.stream.StackFrame;
import org.junit.jupiter.api.Test;

class CreationSitesTest {

  private static final StackFrame FAN_OUT = new StackFrame("com.example.Orders", "fanOut");
  private static final StackFrame POOL = new StackFrame("com.example.Pool", "grow");
  private static final StackFrame CACHE = new StackFrame("com.example.Cache", "refresh");

  @Test
  void countsLiveThreadsPerKindAndSiteMostFirst() {
    CreationSites sites = new CreationSites(10);
    sites.started(ThreadKind.PLATFORM, POOL);
    sites.started(ThreadKind.PLATFORM, FAN_OUT);
    sites.started(ThreadKind.PLATFORM, FAN_OUT);
    sites.started(ThreadKind.VIRTUAL, null);

    assertThat(sites.topN(10))
        .containsExactly(
            new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Orders.fanOut", 2),
            new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Pool.grow", 1),
            new SiteLiveCount(ThreadKind.VIRTUAL, "unknown", 1));
  }

  @Test
  void sitesBeyondTopNFoldIntoOther() {
    CreationSites sites = new CreationSites(10);
    sites.started(ThreadKind.PLATFORM, FAN_OUT);
    sites.started(ThreadKind.PLATFORM, FAN_OUT);
    sites.started(ThreadKind.PLATFORM, POOL);
    sites.started(ThreadKind.PLATFORM, CACHE);

    assertThat(sites.topN(1))
        .containsExactly(
            new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Orders.fanOut", 2),
            new SiteLiveCount(ThreadKind.PLATFORM, "other", 2));
  }

  @Test
  void endedThreadsLeaveTheirSiteAndAnEmptySiteGivesItsIdBack() {
    CreationSites sites = new CreationSites(1);
    int fanOut = sites.started(ThreadKind.PLATFORM, FAN_OUT);
    sites.ended(ThreadKind.PLATFORM, fanOut);

    int pool = sites.started(ThreadKind.PLATFORM, POOL);

    assertThat(pool).isEqualTo(fanOut);
    assertThat(sites.registered()).isEqualTo(1);
    assertThat(sites.overflowed()).isZero();
    assertThat(sites.topN(10))
        .containsExactly(new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Pool.grow", 1));
  }

  @Test
  void sitesBeyondMaxSeriesAreCountedAsOther() {
    CreationSites sites = new CreationSites(1);
    sites.started(ThreadKind.PLATFORM, FAN_OUT);
    int pool = sites.started(ThreadKind.PLATFORM, POOL);

    assertThat(pool).isEqualTo(CreationSites.OTHER_ID);
    assertThat(sites.overflowed()).isEqualTo(1);
    assertThat(sites.topN(10))
        .containsExactly(
            new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Orders.fanOut", 1),
            new SiteLiveCount(ThreadKind.PLATFORM, "other", 1));

    sites.ended(ThreadKind.PLATFORM, pool);

    assertThat(sites.topN(10))
        .containsExactly(new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Orders.fanOut", 1));
  }

  @Test
  void endOfAnUnknownIdChangesNothing() {
    CreationSites sites = new CreationSites(4);
    sites.started(ThreadKind.PLATFORM, FAN_OUT);

    sites.ended(ThreadKind.PLATFORM, -1);
    sites.ended(ThreadKind.VIRTUAL, 1);
    sites.ended(ThreadKind.PLATFORM, 99);

    assertThat(sites.topN(4))
        .isEqualTo(List.of(new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Orders.fanOut", 1)));
  }
}
