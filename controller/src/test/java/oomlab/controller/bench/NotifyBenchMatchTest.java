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
}
