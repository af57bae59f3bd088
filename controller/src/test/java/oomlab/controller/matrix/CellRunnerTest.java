package oomlab.controller.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CellRunnerTest {
  private static MatrixCell cell(String kernel) {
    return new MatrixCell(kernel, "v2", Path.of(kernel + "-v2"), -1, null);
  }

  @Test
  void cellsRunAtOnceComeBackInMatrixOrderWhateverOrderTheyEndIn() throws Exception {
    StringWriter progress = new StringWriter();
    CountDownLatch bothStarted = new CountDownLatch(2);
    CountDownLatch secondEnded = new CountDownLatch(1);
    List<MatrixCell> cells = List.of(cell("5.10"), cell("6.1"), new MatrixCell("7.2", "v1", Path.of("7.2-v1"), -1, "no v1"));

    List<MatrixCell> done = new CellRunner(2, new PrintWriter(progress)).run(cells, c -> {
      bothStarted.countDown();
      assertThat(bothStarted.await(10, TimeUnit.SECONDS)).isTrue();
      if (c.kernel().equals("5.10")) {
        assertThat(secondEnded.await(10, TimeUnit.SECONDS)).isTrue(); // the first cell ends last
        return 1;
      }
      secondEnded.countDown();
      return 0;
    });

    assertThat(done).extracting(MatrixCell::kernel).containsExactly("5.10", "6.1", "7.2");
    assertThat(done).extracting(MatrixCell::exitCode).containsExactly(1, 0, -1);
    assertThat(done.get(2).skipped()).isEqualTo("no v1");
    // While both ran, the progress named both.
    assertThat(progress.toString().lines().filter(l -> l.contains("done; running: ") && l.contains("5.10 v2, ") || l.contains(", 5.10 v2")))
        .anyMatch(l -> l.substring(l.indexOf("running: ")).contains("6.1 v2"));
    assertThat(progress.toString()).contains("2/2 done; running: none");
  }

  @Test
  void oneJobRunsOneCellAtATime() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    new CellRunner(1, new PrintWriter(new StringWriter())).run(List.of(cell("5.10"), cell("6.1"), cell("6.12")), c -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      Thread.sleep(20);
      running.decrementAndGet();
      return 0;
    });
    assertThat(most.get()).isEqualTo(1);
  }

  @Test
  void defaultJobsAreTheGuestsCpusAndMemoryAllow() {
    assertThat(MatrixJobs.jobs(2, 0.2, 24L << 30)).isEqualTo(2);
    assertThat(MatrixJobs.jobs(16, 0, 3L << 30)).isEqualTo(2); // 1.5 GiB per TCG cell
    assertThat(MatrixJobs.jobs(4, 0, 0)).isEqualTo(1);
    // CPUs busy with other work do not count: on a 2-CPU machine at load 20 one cell at a time.
    assertThat(MatrixJobs.jobs(2, 20, 24L << 30)).isEqualTo(1);
    assertThat(MatrixJobs.jobs(8, 2.6, 24L << 30)).isEqualTo(5);
  }
}
