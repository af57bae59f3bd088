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

  private BaselineProgram(Process process) {
    this.process = process;
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
}
