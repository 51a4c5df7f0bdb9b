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
    CreationSites sites = new CreationSites(10, 10);
    sites.started(ThreadKind.PLATFORM, POOL);
    sites.started(ThreadKind.PLATFORM, FAN_OUT);
    sites.started(ThreadKind.PLATFORM, FAN_OUT);
    sites.started(ThreadKind.VIRTUAL, null);

    assertThat(sites.shown())
        .containsExactly(
            new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Orders.fanOut", 2),
            new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Pool.grow", 1),
            new SiteLiveCount(ThreadKind.VIRTUAL, "unknown", 1));
  }

  @Test
  void sitesBeyondTheShownOnesFoldIntoOther() {
    CreationSites sites = new CreationSites(10, 1);
    sites.started(ThreadKind.PLATFORM, FAN_OUT);
    sites.started(ThreadKind.PLATFORM, FAN_OUT);
    sites.started(ThreadKind.PLATFORM, POOL);
    sites.started(ThreadKind.PLATFORM, CACHE);

    assertThat(sites.shown())
        .containsExactly(
            new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Orders.fanOut", 2),
            new SiteLiveCount(ThreadKind.PLATFORM, "other", 2));
    assertThat(sites.largest(2))
        .containsExactly(
            new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Orders.fanOut", 2),
            new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Cache.refresh", 1));
  }

  @Test
  void otherDoesNotJumpWhenTheShownSitesChange() {
    CreationSites sites = new CreationSites(10, 1);
    int fanOut = sites.started(ThreadKind.PLATFORM, FAN_OUT);
    for (int i = 0; i < 5; i++) {
      sites.started(ThreadKind.PLATFORM, POOL);
    }
    assertThat(other(sites)).isEqualTo(5);

    // The shown site empties: its slot is free, but the pool's threads stay in other, where they
    // were counted, until the pool itself has none.
    sites.ended(ThreadKind.PLATFORM, fanOut);
    assertThat(other(sites)).isEqualTo(5);
    sites.started(ThreadKind.PLATFORM, POOL);
    assertThat(other(sites)).isEqualTo(6);
    // A site that starts from nothing while a slot is free takes it.
    sites.started(ThreadKind.PLATFORM, CACHE);
    assertThat(sites.shown())
        .containsExactly(
            new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Cache.refresh", 1),
            new SiteLiveCount(ThreadKind.PLATFORM, "other", 6));
  }

  @Test
  void aSuspectedSiteIsShownEvenBeyondTheShownOnes() {
    CreationSites sites = new CreationSites(10, 1);
    sites.started(ThreadKind.PLATFORM, FAN_OUT);
    sites.started(ThreadKind.PLATFORM, POOL);

    sites.show(ThreadKind.PLATFORM, "com.example.Pool.grow");

    assertThat(sites.shown())
        .containsExactly(
            new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Orders.fanOut", 1),
            new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Pool.grow", 1));
  }

  @Test
  void lambdaSitesDropTheirHiddenClassAddressAndShareOneSeries() {
    CreationSites sites = new CreationSites(10, 10);
    sites.started(
        ThreadKind.PLATFORM, new StackFrame("com.example.App$$Lambda.0x000000000e1c3000", "run"));
    sites.started(
        ThreadKind.PLATFORM, new StackFrame("com.example.App$$Lambda/0x00000008000c4a40", "run"));

    assertThat(sites.shown())
        .containsExactly(new SiteLiveCount(ThreadKind.PLATFORM, "com.example.App$$Lambda.run", 2));
  }

  private static long other(CreationSites sites) {
    return sites.shown().stream()
        .filter(count -> count.site().equals(CreationSites.OTHER))
        .mapToLong(SiteLiveCount::live)
        .sum();
  }

  @Test
  void endedThreadsLeaveTheirSiteAndAnEmptySiteGivesItsIdBack() {
    CreationSites sites = new CreationSites(1, 10);
    int fanOut = sites.started(ThreadKind.PLATFORM, FAN_OUT);
    sites.ended(ThreadKind.PLATFORM, fanOut);

    int pool = sites.started(ThreadKind.PLATFORM, POOL);

    assertThat(pool).isEqualTo(fanOut);
    assertThat(sites.registered()).isEqualTo(1);
    assertThat(sites.overflowed()).isZero();
    assertThat(sites.shown())
        .containsExactly(new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Pool.grow", 1));
  }

  @Test
  void sitesBeyondMaxSeriesAreCountedAsOther() {
    CreationSites sites = new CreationSites(1, 10);
    sites.started(ThreadKind.PLATFORM, FAN_OUT);
    int pool = sites.started(ThreadKind.PLATFORM, POOL);

    assertThat(pool).isEqualTo(CreationSites.OTHER_ID);
    assertThat(sites.overflowed()).isEqualTo(1);
    assertThat(sites.shown())
        .containsExactly(
            new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Orders.fanOut", 1),
            new SiteLiveCount(ThreadKind.PLATFORM, "other", 1));

    sites.ended(ThreadKind.PLATFORM, pool);

    assertThat(sites.shown())
        .containsExactly(new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Orders.fanOut", 1));
  }

  @Test
  void endOfAnUnknownIdChangesNothing() {
    CreationSites sites = new CreationSites(4, 10);
    sites.started(ThreadKind.PLATFORM, FAN_OUT);

    sites.ended(ThreadKind.PLATFORM, -1);
    sites.ended(ThreadKind.VIRTUAL, 1);
    sites.ended(ThreadKind.PLATFORM, 99);

    assertThat(sites.shown())
        .isEqualTo(List.of(new SiteLiveCount(ThreadKind.PLATFORM, "com.example.Orders.fanOut", 1)));
  }
}
