package oomlab.controller.matrix;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Slurm cluster for a test, all of it under one directory: a munge key and
 * {@code munged} on a socket of its own, a generated {@code slurm.conf} with this host as the
 * controller and the one compute node (2 CPUs, consumable CPUs so that array tasks run side by
 * side), {@code slurmctld} and {@code slurmd} in the foreground on free loopback ports. Nothing of
 * the system's Slurm or munge configuration is read or changed; {@link #close} stops the three
 * daemons this class started.
 */
final class SlurmCluster implements AutoCloseable {
  private final Path dir;
  private final List<Process> daemons = new ArrayList<>();

  private SlurmCluster(Path dir) {
    this.dir = dir;
  }

  Path conf() {
    return dir.resolve("slurm.conf");
  }

  static SlurmCluster start(Path dir) throws Exception {
    SlurmCluster c = new SlurmCluster(dir);
    try {
      c.boot();
    } catch (Exception e) {
      c.close();
      throw e;
    }
    return c;
  }

  private void boot() throws Exception {
    for (String d : List.of("state", "spool", "log")) Files.createDirectories(dir.resolve(d));
    // munged wants its socket's directory searchable by all, its key readable by its owner only.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    byte[] key = new byte[1024];
    new SecureRandom().nextBytes(key);
    Path keyFile = Files.write(dir.resolve("munge.key"), key);
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    Path socket = dir.resolve("munge.socket");
    daemon("munged", "-F", "--force", "--socket=" + socket, "--key-file=" + keyFile, "--log-file=" + dir.resolve("log/munged.log"),
        "--pid-file=" + dir.resolve("munged.pid"), "--seed-file=" + dir.resolve("munged.seed"));
    waitFor(() -> Files.exists(socket), "munged's socket");
    String host = run("hostname", "-s").strip();
    int cpus = Runtime.getRuntime().availableProcessors();
    String conf = String.join("\n",
        "ClusterName=oomlabtest",
        "SlurmctldHost=" + host + "(127.0.0.1)",
        "SlurmctldPort=" + freePort(),
        "SlurmdPort=" + freePort(),
        "AuthType=auth/munge",
        "CredType=cred/munge",
        "AuthInfo=socket=" + socket,
        "SlurmUser=root",
        "SlurmdUser=root",
        "StateSaveLocation=" + dir.resolve("state"),
        "SlurmdSpoolDir=" + dir.resolve("spool"),
        "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
        "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
        "SlurmctldLogFile=" + dir.resolve("log/slurmctld.log"),
        "SlurmdLogFile=" + dir.resolve("log/slurmd.log"),
        "ProctrackType=proctrack/linuxproc",
        "TaskPlugin=task/none",
        "SelectType=select/cons_tres",
        "SelectTypeParameters=CR_CPU",
        "JobAcctGatherType=jobacct_gather/none",
        "AccountingStorageType=accounting_storage/none",
        "MpiDefault=none",
        "ReturnToService=2",
        "NodeName=" + host + " NodeAddr=127.0.0.1 CPUs=" + cpus + " RealMemory=4096 State=UNKNOWN",
        "PartitionName=oomlab Nodes=" + host + " Default=YES MaxTime=INFINITE State=UP", "");
    Files.writeString(conf(), conf);
    daemon("slurmctld", "-D", "-f", conf().toString());
    daemon("slurmd", "-D", "-f", conf().toString(), "-N", host);
    waitFor(() -> run("sinfo", "-h", "-o", "%t").strip().equals("idle"), "the node idle in sinfo");
  }

  /** Runs a Slurm client command against this cluster and returns its output. */
  String run(String... cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("SLURM_CONF", conf().toString());
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  private void daemon(String... cmd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("log/" + cmd[0] + ".out").toFile());
    pb.environment().put("SLURM_CONF", conf().toString());
    daemons.add(pb.start());
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private void waitFor(Check check, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (check.ok()) return;
      for (Process p : daemons) {
        if (!p.isAlive()) throw new IOException(p.info().command().orElse("a daemon") + " exited " + p.exitValue() + " waiting for " + what
            + "; see " + dir.resolve("log"));
      }
      Thread.sleep(250);
    }
    throw new IOException("no " + what + " within 90 s; see " + dir.resolve("log"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Stops the daemons, last started first. */
  @Override
  public void close() throws InterruptedException {
    for (int i = daemons.size() - 1; i >= 0; i--) {
      Process p = daemons.get(i);
      p.destroy();
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
