package oomlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import oomlab.controller.kernel.CachedKernel;
import oomlab.controller.kernel.DebianKernelLayouts;
import oomlab.controller.vm.GuestRequirement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oomlab run --target vm:PATH}: Debian's 6.1 laid out as a kernel developer has it (an
 * image with an INSTALL_MOD_PATH root, a build tree, a .deb), booted under QEMU, the outcome
 * naming that image's release; and a kernel without CONFIG_MEMCG refused before any boot.
 */
class RunByPathOnDebian61GuestTest {
  static final Path HOG = Path.of("..", "scenarios", "basic", "01-hog-over-limit.yaml").toAbsolutePath().normalize();
  static final ObjectMapper JSON = new ObjectMapper();
  static CachedKernel debian;

  @BeforeAll
  static void kernel() {
    debian = GuestRequirement.kernel("6.1");
  }

  record Result(int code, String out, String err) {}

  static Result oomlab(String... args) {
    var cl = Oomlab.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    System.err.println(out + "\n" + err);
    return new Result(code, out.toString(), err.toString());
  }

  static void assertRanOn(Path out, String target) throws Exception {
    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("target").asText()).isEqualTo(target);
    assertThat(summary.get("kernel").asText()).isEqualTo(debian.release());
    assertThat(JSON.readTree(out.resolve("hog-over-limit/outcome.json").toFile()).at("/killed").toString()).contains("hog");
  }

  @Test
  void imageWithModulesRootBuildTreeAndDebEachBootAndNameTheirRelease(@TempDir Path dir) throws Exception {
    Path root = DebianKernelLayouts.installModPath(debian, dir.resolve("root"));
    Path tree = DebianKernelLayouts.buildTree(debian, dir.resolve("tree"));
    Path deb = DebianKernelLayouts.deb(debian, dir.resolve("deb"));
    List<List<String>> forms = List.of(
        List.of("vm:" + debian.vmlinuz(), "--modules", root.toString()),
        List.of("vm:" + tree),
        List.of("vm:" + deb));
    int i = 0;
    for (List<String> form : forms) {
      Path out = dir.resolve("out" + i++);
      List<String> args = new ArrayList<>(List.of("run", HOG.toString(), "--target"));
      args.addAll(form);
      args.addAll(List.of("--out", out.toString()));
      Result r = oomlab(args.toArray(String[]::new));
      assertThat(r.code()).as(form.toString()).isIn(0, 1);
      assertRanOn(out, form.getFirst());
    }
  }

  @Test
  void aNamedKernelRunsByItsName(@TempDir Path dir) throws Exception {
    Path tree = DebianKernelLayouts.buildTree(debian, dir.resolve("tree"));
    String name = "test-tree-" + ProcessHandle.current().pid();
    Result add = oomlab("kernels", "add", name, tree.toString());
    try {
      assertThat(add.code()).isZero();
      assertThat(add.out()).startsWith(name + " " + debian.release());
      assertThat(oomlab("kernels", "list").out()).contains(name);
      Path out = dir.resolve("out");
      assertThat(oomlab("run", HOG.toString(), "--target", "vm:" + name, "--out", out.toString()).code()).isIn(0, 1);
      assertRanOn(out, "vm:" + name);
    } finally {
      assertThat(oomlab("kernels", "remove", name).code()).isZero();
    }
    assertThat(oomlab("kernels", "list").out()).doesNotContain(name);
  }

  @Test
  void aKernelWithoutMemcgIsRefusedBeforeBootingInUnderTwoSeconds(@TempDir Path dir) throws Exception {
    Path tree = DebianKernelLayouts.buildTree(debian, dir.resolve("tree"));
    Files.writeString(tree.resolve(".config"), Files.readString(tree.resolve(".config")).replace("CONFIG_MEMCG=y", "# CONFIG_MEMCG is not set"));
    Path out = dir.resolve("out");
    long start = System.nanoTime();
    Result r = oomlab("run", HOG.toString(), "--target", "vm:" + tree, "--out", out.toString());
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.code()).isEqualTo(Oomlab.EXIT_ENVIRONMENT);
    assertThat(r.err().lines().filter(l -> !l.isBlank()).toList()).hasSize(1).first().asString()
        .contains("CONFIG_MEMCG (", debian.release());
    assertThat(out.resolve("console.log")).doesNotExist();
    assertThat(millis).isLessThan(2_000);
  }
}
