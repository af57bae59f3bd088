package oomlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import oomlab.bindings.HostFacts;
import oomlab.controller.format.ResultFormat;
import oomlab.controller.matrix.MatrixOutput;
import oomlab.controller.matrix.ShardMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code oomlab merge DIR... --out DIR}: a matrix's shards joined into the results of one unsharded run. */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = "Join the results directories of all shards of a matrix (matrix --shard K/N) into the directory one"
        + " unsharded matrix writes: the cells' results, matrix.txt, summary.json, the reports and the formats asked.",
    footer = {"", "Example:", "  oomlab matrix scenarios/basic --kernels 6.1 --cgroup v1,v2 --shard 1/2 --out shard-1",
        "  oomlab matrix scenarios/basic --kernels 6.1 --cgroup v1,v2 --shard 2/2 --out shard-2",
        "  oomlab merge shard-1 shard-2 --out merged --format text,ktap",
        "", "Exit codes: the matrix's (0, 1, 3, 4, 5), 2 when the directories are not every shard of one matrix."})
public final class MergeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", arity = "1..*", description = "The shards' results directories (each holds summary.json).")
  List<Path> shards;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the merged results go.")
  Path out;

  @Option(names = "--format", split = ",", paramLabel = "FORMAT[,FORMAT...]",
      description = "As matrix --format: text, json, ktap, junit, kcidb; the first is printed. Default: text.")
  List<String> formats;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    List<ResultFormat> asked;
    try {
      asked = ResultFormat.parse(formats != null ? formats : List.of("text"));
    } catch (IllegalArgumentException e) {
      stderr.println("oomlab merge: " + e.getMessage());
      return Oomlab.EXIT_BAD_INPUT;
    }
    ShardMerge.Merged merged;
    try {
      merged = ShardMerge.merge(shards, out);
    } catch (ShardMerge.MergeException e) {
      stderr.println("oomlab merge: " + e.getMessage());
      return Oomlab.EXIT_BAD_INPUT;
    }
    String text = MatrixOutput.write(out, merged.summary(), merged.cells(), asked, HostFacts.ofThisHost());
    MatrixOutput.print(stdout, text, asked.getFirst(), out);
    return merged.summary().exitCode();
  }
}
