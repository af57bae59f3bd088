package oomlab.controller.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import oomlab.model.scenario.CgroupVersion;
import org.junit.jupiter.api.Test;

/** Pairing OOM reports with notifications: per hog, the first wake-up of each listener in its life. */
class NotifyBenchMatchTest {
  private static final long MS = 1_000_000L;

  @Test
  void eachOomIsPairedWithTheFirstWakeUpInItsHogsLife() {
    List<NotifyBench.Hog> hogs = List.of(new NotifyBench.Hog(101, 0, 50 * MS), new NotifyBench.Hog(102, 60 * MS, 110 * MS));
    List<KmsgOomReports.Report> reports = List.of(
        new KmsgOomReports.Report(101, 39 * MS, 40 * MS),  // header printed
        new KmsgOomReports.Report(102, -1, 100 * MS));     // header ratelimited away
    // Java: two wake-ups for the first OOM (eventfd signalled twice), one for the second, after the reap
    List<Long> java = List.of(41 * MS, 45 * MS, 112 * MS);
    List<Long> c = List.of(40 * MS + 500_000, 101 * MS);
    NotifyBench.Result r = NotifyBench.match(2, "v1", CgroupVersion.V1, hogs, reports, java, c);

    assertThat(r.matched()).isEqualTo(2);
    assertThat(r.withHeader()).isEqualTo(1);
    assertThat(r.oomlabSinceKilled().n()).isEqualTo(2);
    assertThat(r.oomlabSinceKilled().maxUs()).isEqualTo(12_000.0); // 112 - 100 ms
    assertThat(r.cSinceKilled().medianUs()).isEqualTo(1_000.0);     // of 500 µs and 1000 µs
    assertThat(r.oomlabSinceInvoked().maxUs()).isEqualTo(2_000.0);  // 41 - 39 ms, hog 101 only
    assertThat(r.oomlabMinusC().n()).isEqualTo(2);
  }

  @Test
  void anOomWithoutAReportOrANotificationIsLeftOut() {
    List<NotifyBench.Hog> hogs = List.of(new NotifyBench.Hog(101, 0, 50 * MS), new NotifyBench.Hog(102, 60 * MS, 110 * MS));
    List<KmsgOomReports.Report> reports = List.of(new KmsgOomReports.Report(102, -1, 100 * MS));
    NotifyBench.Result r = NotifyBench.match(2, "v1", CgroupVersion.V1, hogs, reports, List.of(41 * MS, 101 * MS), List.of(41 * MS));

    assertThat(r.matched()).isZero(); // 101 has no report, 102 no C notification
    assertThat(r.oomlabSinceKilled().text()).isEqualTo("-");
  }

  @Test
  void alternatingHogsGiveEachListenerTheWakeUpsOfItsOwnOoms() {
    // hog 201 OOMed where oomlab listened, 202 where C did, 203 oomlab again
    List<NotifyBench.Hog> hogs = List.of(new NotifyBench.Hog(201, 0, 50 * MS), new NotifyBench.Hog(202, 60 * MS, 110 * MS),
        new NotifyBench.Hog(203, 120 * MS, 170 * MS));
    List<SchedWakeups.Waking> trace = List.of(
        new SchedWakeups.Waking(7, 40 * MS), new SchedWakeups.Waking(7, 40 * MS + 30_000, true),
        new SchedWakeups.Waking(8, 100 * MS), new SchedWakeups.Waking(8, 100 * MS + 5_000, true),
        new SchedWakeups.Waking(7, 160 * MS), new SchedWakeups.Waking(7, 160 * MS + 10_000, true));
    List<Long> java = List.of(40 * MS + 50_000, 160 * MS + 20_000);
    List<Long> c = List.of(100 * MS + 12_000);
    NotifyBench.Result shared = NotifyBench.match(2, "v1", CgroupVersion.V1, List.of(), List.of(), List.of(), List.of());
    NotifyBench.Result r = NotifyBench.withWakeups(shared, hogs, java, c, new NotifyBench.Wakings(7, 8, trace));

    assertThat(r.oomlabWakeup().n()).isEqualTo(2);
    assertThat(r.oomlabWakeup().maxUs()).isEqualTo(50.0);   // 40.050 - 40.000 ms
    assertThat(r.oomlabRunDelay().maxUs()).isEqualTo(30.0); // waiting for a CPU
    assertThat(r.cWakeup().n()).isEqualTo(1);
    assertThat(r.cWakeup().medianUs()).isEqualTo(12.0);
    assertThat(r.wakeups()).isEqualTo(1);                   // the fewer of the two sides
    assertThat(r.wakeupRatio().median()).isEqualTo(50.0 / 12.0); // median of {20, 50} is 50 (upper middle)
  }
}
