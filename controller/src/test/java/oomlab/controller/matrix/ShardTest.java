package oomlab.controller.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {
  @Test
  void theSlicesCoverEveryItemOnceInOrderAndDifferInLengthByAtMostOne() {
    List<Integer> items = IntStream.range(0, 29).boxed().toList();
    List<Integer> joined = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      List<Integer> slice = new Shard(k, 4).slice(items);
      assertThat(slice.size()).isBetween(7, 8);
      joined.addAll(slice);
    }
    assertThat(joined).isEqualTo(items);
    assertThat(new Shard(1, 5).slice(List.of(1, 2))).isEmpty(); // more shards than items: some have none
    assertThat(new Shard(5, 5).slice(List.of(1, 2))).containsExactly(2);
  }

  @Test
  void workItemsAreCellsTimesScenariosTimesRepetitionsWithoutTheCellsThatCannotRun() {
    List<MatrixCell> cells = List.of(new MatrixCell("6.1", "v1", Path.of("a"), -1, null),
        new MatrixCell("7.2", "v1", Path.of("b"), -1, "no v1"), new MatrixCell("6.1", "v2", Path.of("c"), -1, null));
    List<WorkItem> items = WorkItem.of(cells, List.of("hog", "adj"), 2);
    assertThat(items).extracting(w -> w.cell() + ":" + w.select())
        .containsExactly("0:hog#1", "0:hog#2", "0:adj#1", "0:adj#2", "2:hog#1", "2:hog#2", "2:adj#1", "2:adj#2");
  }

  @Test
  void kAndNComeFromTheOptionOrTheEnvironment() {
    assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
    assertThat(Shard.fromEnvironment(Map.of("OOMLAB_SHARD", "3/5"))).isEqualTo(new Shard(3, 5));
    // A Kubernetes Indexed Job counts from 0.
    assertThat(Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "0", "OOMLAB_SHARDS", "4"))).isEqualTo(new Shard(1, 4));
    assertThat(Shard.fromEnvironment(Map.of())).isNull();
    assertThatThrownBy(() -> Shard.fromEnvironment(Map.of("JOB_COMPLETION_INDEX", "1"))).hasMessageContaining("OOMLAB_SHARDS");
    assertThatThrownBy(() -> Shard.parse("5/4")).hasMessageContaining("K must be 1 to N");
    assertThatThrownBy(() -> Shard.parse("two")).hasMessageContaining("expected K/N");
  }
}
