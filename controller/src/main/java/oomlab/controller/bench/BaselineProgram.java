package oomlab.controller.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import oomlab.agent.workload.WorkloadBinary;

/**
 * One running {@code oomlab-baseline} (native-bindings/src/main/c/oomlab-baseline.c): the C side
 * of every benchmark. Built next to the workload program, so it is found the same way. It arms
 * PR_SET_PDEATHSIG, so callers start it from a thread that lives as long as the benchmark (the
 * command's own thread). Lines are read as the program prints them.
 */
final class BaselineProgram implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;

  /** The file a {@link #startLogged} program writes its stdout to, else null. */
  private final Path log;

  private BaselineProgram(Process process) {
    this(process, null);
  }

  private BaselineProgram(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }
  static Path locate() {
    Path program = WorkloadBinary.locate().resolveSibling("oomlab-baseline");
    if (!Files.isExecutable(program)) {
      throw new IllegalStateException(program + " not found (built with the workload by mvn package)");
    }
    return program;
  }

  static BaselineProgram start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(locate().toString()));
    cmd.addAll(List.of(args));
    return new BaselineProgram(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
  }

  long pid() {
    return process.pid();
  }

  /** The next line split at blanks; an {@code error ...} line or EOF is an IOException. */
  String[] next() throws IOException {
    String line = out.readLine();
    if (line == null) throw new IOException("oomlab-baseline ended early (exit " + exitCode() + ")");
    String[] words = line.trim().split(" ");
    if (words[0].equals("error")) throw new IOException("oomlab-baseline: " + line);
    return words;
  }

  /** Reads lines until one starting with {@code word}. */
  String[] expect(String word) throws IOException {
    String[] words;
    do {
      words = next();
    } while (!words[0].equals(word));
    return words;
  }

  /**
   * Starts the program with its stdout going to a file instead of a pipe, for a benchmark that
   * reads the output only after the measured part (nothing in this JVM wakes per line).
   */
  static BaselineProgram startLogged(String... args) throws IOException {
    Path log = Files.createTempFile("oomlab-baseline-", ".out");
    List<String> cmd = new ArrayList<>(List.of(locate().toString()));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(log.toFile()).start();
      return new BaselineProgram(p, log);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(log);
      throw e;
    }
  }

  /** A logged program's lines so far (all of them once it has ended); an {@code error} line is an IOException. */
  List<String[]> loggedLines() throws IOException {
    List<String[]> lines = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      String[] words = line.trim().split(" ");
      if (words[0].equals("error")) throw new IOException("oomlab-baseline: " + line);
      lines.add(words);
    }
    return lines;
  }

  /** Polls a logged program's output until a line starts with {@code word}. */
  String[] awaitLogged(String word, java.time.Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (String[] w : loggedLines()) if (w[0].equals(word)) return w;
      if (!process.isAlive() && loggedLines().stream().noneMatch(w -> w[0].equals(word))) {
        throw new IOException("oomlab-baseline ended early (exit " + exitCode() + ")");
      }
      if (System.nanoTime() > deadline) throw new IOException("oomlab-baseline: no '" + word + "' line within " + timeout.toSeconds() + " s");
      Thread.sleep(10);
    }
  }

  /** Waits for a logged program to end (killing it after {@code timeout}). */
  void awaitExit(java.time.Duration timeout) throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      process.destroyForcibly();
      throw new IOException("oomlab-baseline did not end within " + timeout.toSeconds() + " s");
    }
  }

  /** Sends one command line on the program's stdin. */
  void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
    in.flush();
  }

  OutputStream stdin() {
    return process.getOutputStream();
  }

  private String exitCode() {
    try {
      return process.waitFor(1, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  /** Closes stdin (a sleeper's cue to leave), then SIGKILLs what is left and reaps it. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(2, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Ends the program like {@link #close()}, then removes a logged program's output file. */
  void closeAndRemoveLog() {
    close();
    try {
      if (log != null) Files.deleteIfExists(log);
    } catch (IOException e) {
      System.err.println("oomlab bench: " + log + " left: " + e.getMessage());
    }
  }
}
