package oomlab.controller.matrix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code matrix --executor slurm}: the matrix's N shards as one Slurm job array. A batch script
 * under {@code OUT/shards/} runs, as array task K, this same oomlab (this JDK, this class path)
 * with {@code matrix ... --shard K/N --out OUT/shards/K}; {@code sbatch --wait} submits it and
 * returns when every task has ended; the caller then merges the shards' directories. Each task asks
 * for what a TCG cell needs: one CPU (an emulated guest keeps about one busy) and 1.5 GiB (the 1 GiB
 * guest, QEMU and the JVM). The cluster is the one {@code sbatch} reaches ({@code SLURM_CONF}).
 */
public final class SlurmArray {
  static final String SCRIPT = "oomlab-matrix.sbatch";
  public static final int CPUS_PER_TASK = 1;
  public static final String MEMORY_PER_TASK = "1536M";

  private SlurmArray() {}

  /** The shard directories of a submission under {@code out}, 1 to N. */
  public static List<Path> shardDirs(Path out, int shards) {
    List<Path> dirs = new ArrayList<>();
    for (int k = 1; k <= shards; k++) dirs.add(shardsDir(out).resolve(Integer.toString(k)));
    return dirs;
  }

  static Path shardsDir(Path out) {
    return out.toAbsolutePath().normalize().resolve("shards");
  }

  /** The batch script: {@code matrixArgs} are the matrix's own arguments, without --out, --shard, --executor. */
  static String script(Path out, int shards, List<String> matrixArgs) {
    Path dir = shardsDir(out);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
        "oomlab.cli.Oomlab", "matrix"));
    cmd.addAll(matrixArgs);
    StringBuilder s = new StringBuilder("#!/bin/sh\n# oomlab matrix as a Slurm job array: task K runs shard K of " + shards + ".\n");
    s.append("#SBATCH --job-name=oomlab-matrix\n");
    s.append("#SBATCH --array=1-").append(shards).append('\n');
    s.append("#SBATCH --cpus-per-task=").append(CPUS_PER_TASK).append('\n');
    s.append("#SBATCH --mem=").append(MEMORY_PER_TASK).append('\n');
    s.append("#SBATCH --output=").append(dir.resolve("slurm-%a.log")).append('\n');
    s.append("exec");
    for (String a : cmd) s.append(' ').append(quote(a));
    s.append(" --jobs 1 --shard \"$SLURM_ARRAY_TASK_ID/").append(shards).append("\" --out ")
        .append(quote(dir.toString())).append("/\"$SLURM_ARRAY_TASK_ID\" --format json\n");
    return s.toString();
  }

  /**
   * Writes the script, submits it with {@code sbatch --wait} and waits for every task.
   *
   * @return sbatch's exit code (the highest of the tasks')
   * @throws IOException when sbatch cannot be started or refuses the job (its message)
   */
  public static int submit(Path out, int shards, List<String> matrixArgs, java.io.PrintWriter log) throws IOException {
    Path dir = Files.createDirectories(shardsDir(out));
    Path script = dir.resolve(SCRIPT);
    Files.writeString(script, script(out, shards, matrixArgs));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Process p;
    try {
      p = new ProcessBuilder("sbatch", "--wait", "--parsable", script.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("sbatch cannot start (" + e.getMessage() + "): install slurm-client and point SLURM_CONF at the cluster");
    }
    p.getOutputStream().close();
    String output;
    int code;
    try (var in = p.getInputStream()) {
      // --parsable prints the job id as soon as it is queued; the rest comes when every task ended.
      var reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      StringBuilder all = new StringBuilder();
      String line;
      while ((line = reader.readLine()) != null) {
        all.append(line).append('\n');
        log.println("oomlab matrix: slurm: " + (line.matches("[0-9]+(;.*)?") ? "job array " + line + " submitted, " + shards + " tasks" : line));
        log.flush();
      }
      output = all.toString();
      code = p.waitFor();
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the job array ran (it goes on in the cluster: scancel it)");
    }
    if (!output.lines().findFirst().orElse("").matches("[0-9]+(;.*)?")) {
      throw new IOException("sbatch refused the job array: " + output.strip().replace('\n', ' '));
    }
    return code;
  }

  private static String quote(String s) {
    return s.matches("[A-Za-z0-9_./:=,+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }
}
