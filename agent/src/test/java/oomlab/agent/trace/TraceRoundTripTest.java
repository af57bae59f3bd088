package oomlab.agent.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import oomlab.agent.trace.TraceEvent.*;
import oomlab.model.scenario.CgroupVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceRoundTripTest {

  /** One event of every type, with optional fields both set and unset somewhere. */
  private static List<TraceEvent> oneOfEach() {
    return List.of(
        new RunStarted(0, "hog-over-limit", "6.18.0", CgroupVersion.V1, "local"),
        new CgroupCreated(10, "A/B", "/sys/fs/cgroup/memory/oomlab/run-1-x/A/B"),
        new TaskStarted(20, "big", 4242, "A/B", null),
        new TaskAllocated(30, "big", 1 << 20),
        new TaskEnomem(35, "writer", 4243, 32L << 20),
        new OomNotified(40, "A/B", NotificationSource.MEMORY_EVENTS, 1),
        new MemoryEvents(50, "A/B", Map.of("oom", 1L, "oom_kill", 1L, "max", 7L), Map.of("oom", 1L)),
        new MemoryEvents(51, "A", Map.of("oom", 0L), null),
        new CgroupUsage(55, "A/B", 30L << 20, 32L << 20, 32L << 20),
        new CgroupUsage(56, "A", 1L << 20, null, null),
        new OomControl(60, "A/B", true, false, 0),
        new KernelOomKill(70, 4242, "oomlab-workload", "/oomlab/run-1-x/A/B", "/oomlab/run-1-x/A/B",
            "CONSTRAINT_MEMCG", 32768, 0),
        new KernelOomReaped(75, 4242, "oomlab-workload", 0, 0, 0),
        new TaskExited(80, "big", 4242, null, 9, Killer.KERNEL),
        new TaskExited(81, "small", 4243, 0, null, null),
        new TaskBlocked(90, "hog", 4244, "D (disk sleep)"),
        new HandlerStarted(99, 0, "raise-limit A/B 96M"),
        new HandlerAction(100, 0, "raise-limit A/B 96M", "ok", null),
        new HandlerAction(101, 1, "kill idle", "ESRCH", "kill 4245: ESRCH"),
        new RunFinished(110, FinishReason.QUIESCENT));
  }

  @Test
  void everyTypeIsCoveredAndNamedAsInTheDesign() {
    assertThat(oneOfEach()).extracting(TraceEvent::type).containsAll(List.of(
        "run_started", "cgroup_created", "task_started", "task_allocated", "task_enomem", "oom_notified",
        "memory_events", "cgroup_usage", "oom_control", "kernel_oom_kill", "kernel_oom_reaped", "task_exited", "task_blocked", "handler_started", "handler_action",
        "run_finished"));
    assertThat(oneOfEach()).extracting(e -> (Object) e.getClass()).containsAll(TraceEvent.TYPES);
  }

  @Test
  void everyEventRoundTripsThroughAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("trace.jsonl");
    try (TraceWriter w = TraceWriter.create(file)) {
      oneOfEach().forEach(w::write);
      assertThat(w.events()).isEqualTo(oneOfEach());
    }

    assertThat(TraceReader.read(file)).isEqualTo(oneOfEach());
    assertThat(Files.readAllLines(file)).hasSize(oneOfEach().size());
  }

  @Test
  void linesUseTheDesignFieldNamesWithTAndTypeFirst() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TraceWriter w = new TraceWriter(out);
    oneOfEach().forEach(w::write);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();

    assertThat(lines.get(0)).isEqualTo(
        "{\"t\":0,\"type\":\"run_started\",\"scenario\":\"hog-over-limit\",\"kernel\":\"6.18.0\","
            + "\"cgroupVersion\":\"v1\",\"target\":\"local\"}");
    assertThat(lines.get(5)).isEqualTo(
        "{\"t\":40,\"type\":\"oom_notified\",\"cgroup\":\"A/B\",\"source\":\"memory.events\",\"count\":1}");
    assertThat(lines.get(6)).isEqualTo("{\"t\":50,\"type\":\"memory_events\",\"cgroup\":\"A/B\","
        + "\"counters\":{\"max\":7,\"oom\":1,\"oom_kill\":1},\"localCounters\":{\"oom\":1}}");
    assertThat(lines.get(8)).isEqualTo("{\"t\":55,\"type\":\"cgroup_usage\",\"cgroup\":\"A/B\","
        + "\"usage\":31457280,\"peak\":33554432,\"limit\":33554432}");
    assertThat(lines.get(9)).isEqualTo("{\"t\":56,\"type\":\"cgroup_usage\",\"cgroup\":\"A\",\"usage\":1048576}");
    assertThat(lines.get(10)).isEqualTo("{\"t\":60,\"type\":\"oom_control\",\"cgroup\":\"A/B\","
        + "\"under_oom\":true,\"oom_kill_disable\":false,\"oom_kill\":0}");
    assertThat(lines.get(11)).contains("\"oom_memcg\":", "\"task_memcg\":", "\"anon_rss_kb\":32768",
        "\"oom_score_adj\":0", "\"constraint\":\"CONSTRAINT_MEMCG\"");
    assertThat(lines.get(13)).isEqualTo(
        "{\"t\":80,\"type\":\"task_exited\",\"task\":\"big\",\"pid\":4242,\"signal\":9,\"killedBy\":\"kernel\"}");
    assertThat(lines.get(16)).isEqualTo("{\"t\":99,\"type\":\"handler_started\",\"handler\":0,"
        + "\"action\":\"raise-limit A/B 96M\"}");
    assertThat(lines.get(17)).isEqualTo("{\"t\":100,\"type\":\"handler_action\",\"handler\":0,"
        + "\"action\":\"raise-limit A/B 96M\",\"result\":\"ok\"}");
    assertThat(lines.get(19)).isEqualTo("{\"t\":110,\"type\":\"run_finished\",\"reason\":\"quiescent\"}");
  }

  @Test
  void taskStartedNamesTheTaskCgroupAndOldTracesWithoutItStillRead() throws Exception {
    assertThat(TraceJson.toTree(new TaskStarted(20, "big", 4242, "A/B", null)).toString())
        .isEqualTo("{\"t\":20,\"type\":\"task_started\",\"task\":\"big\",\"pid\":4242,\"cgroup\":\"A/B\"}");
    // Written before task_started had a cgroup:
    assertThat(TraceReader.parseLine("{\"t\":20,\"type\":\"task_started\",\"task\":\"big\",\"pid\":4242}"))
        .isEqualTo(new TaskStarted(20, "big", 4242, null, null));
  }

  @Test
  void aTornLastLineIsDroppedAndThePrefixKept() throws Exception {
    String text = "{\"t\":0,\"type\":\"task_started\",\"task\":\"a\",\"pid\":1}\n{\"t\":5,\"type\":\"task_al";

    assertThat(TraceReader.parse("trace.jsonl", text)).containsExactly(new TaskStarted(0, "a", 1, null, null));
  }

  @Test
  void badLinesAreNamedByFileAndLine() {
    String good = "{\"t\":0,\"type\":\"task_started\",\"task\":\"a\",\"pid\":1}\n";

    assertThatThrownBy(() -> TraceReader.parse("trace.jsonl", good + "{\"t\":1,\"type\":\"task_vanished\"}\n"))
        .hasMessageStartingWith("trace.jsonl:2: unknown event type \"task_vanished\" (known: cgroup_created,");
    assertThatThrownBy(() -> TraceReader.parse("trace.jsonl", good + "{\"t\":1,\"type\":\"task_started\",\"task\":\"a\"}\n"))
        .hasMessageStartingWith("trace.jsonl:2: task_started: ")
        .hasMessageContaining("pid");
    assertThatThrownBy(() -> TraceReader.parse("trace.jsonl", "{\"t\":1,\"type\":\"task_started\",\"task\":\"a\",\"pid\":1,\"x\":2}\n"))
        .hasMessageStartingWith("trace.jsonl:1: task_started: ")
        .hasMessageContaining("\"x\"");
    assertThatThrownBy(() -> TraceReader.parse("trace.jsonl", "not json\n"))
        .hasMessageStartingWith("trace.jsonl:1: not JSON");
  }

  @Test
  void concurrentEmittersWriteWholeLinesWithNonDecreasingTimes() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TraceWriter w = new TraceWriter(out);
    int threads = 4;
    int perThread = 500;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> started = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      String task = "t" + i;
      started.add(Thread.ofPlatform().start(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
        for (int n = 1; n <= perThread; n++) {
          long bytes = n;
          w.emit(t -> new TaskAllocated(t, task, bytes));
        }
      }));
    }
    go.countDown();
    for (Thread t : started) t.join();

    List<TraceEvent> back = TraceReader.parse("mem", out.toString(StandardCharsets.UTF_8));
    assertThat(back).hasSize(threads * perThread).isEqualTo(w.events());
    for (int i = 1; i < back.size(); i++) {
      assertThat(back.get(i).t()).isGreaterThanOrEqualTo(back.get(i - 1).t());
    }
  }
}
