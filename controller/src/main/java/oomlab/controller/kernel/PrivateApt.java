package oomlab.controller.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * apt-get and apt-cache over a private configuration for one suite: its own sources file, package
 * lists and archive cache below oomlab's cache, never the system's. The archive URI comes from the
 * system's sources ({@link AptSources}); the signing keys from debian-archive-keyring, which holds
 * the keys of every current release.
 */
public final class PrivateApt {
  static final String KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg";
  private static final Duration LISTS_FRESH = Duration.ofHours(12);

  private final Path dir;
  private final String suite;
  private final String archiveUri;

  public PrivateApt(Path dir, String suite, String archiveUri) {
    this.dir = dir;
    this.suite = suite;
    this.archiveUri = archiveUri;
  }

  /** The deb822 stanza of the private sources file. */
  static String sources(String archiveUri, String suite) {
    return "Types: deb\nURIs: " + archiveUri + "\nSuites: " + suite
        + "\nComponents: main\nArchitectures: amd64\nSigned-By: " + KEYRING + "\n";
  }

  private List<String> command(String tool, String... args) {
    List<String> cmd = new ArrayList<>(List.of(tool, "-q",
        "-o", "Dir::Etc::SourceList=" + dir.resolve("oomlab.sources"),
        "-o", "Dir::Etc::SourceParts=/dev/null",
        "-o", "Dir::State::Lists=" + dir.resolve("lists"),
        "-o", "Dir::Cache=" + dir.resolve("cache"),
        // Our own empty dpkg status: what the host has installed must not change the answers.
        "-o", "Dir::State::status=" + dir.resolve("status"),
        "-o", "APT::Architecture=amd64", "-o", "APT::Architectures=amd64",
        // Downloads land in oomlab's cache, which the unprivileged _apt user may not reach.
        "-o", "APT::Sandbox::User=root"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Writes the private configuration and runs {@code apt-get update} unless the lists are fresh. */
  public void update() throws IOException {
    Files.createDirectories(dir.resolve("lists/partial"));
    Files.createDirectories(dir.resolve("cache/archives/partial"));
    Files.writeString(dir.resolve("oomlab.sources"), sources(archiveUri, suite));
    Path status = dir.resolve("status");
    if (!Files.exists(status)) {
      Files.createFile(status);
    }
    Path stamp = dir.resolve("lists/.updated");
    if (Files.exists(stamp) && Files.getLastModifiedTime(stamp).toInstant().isAfter(Instant.now().minus(LISTS_FRESH))) {
      return;
    }
    ExternalCommand.run(dir, command("apt-get", "update"));
    Files.writeString(stamp, "");
    Files.setLastModifiedTime(stamp, FileTime.from(Instant.now()));
  }

  public List<String> packageNames(String prefix) throws IOException {
    return ExternalCommand.run(dir, command("apt-cache", "pkgnames", prefix)).lines().toList();
  }

  public String version(String pkg) throws IOException {
    return ExternalCommand.run(dir, command("apt-cache", "show", "--no-all-versions", pkg)).lines()
        .filter(l -> l.startsWith("Version: ")).map(l -> l.substring(9).strip()).findFirst().orElse("?");
  }

  /** The packages {@code pkg} depends on (first of each alternative, versions dropped). */
  public List<String> depends(String pkg) throws IOException {
    String line = ExternalCommand.run(dir, command("apt-cache", "show", "--no-all-versions", pkg)).lines()
        .filter(l -> l.startsWith("Depends: ")).findFirst().orElse("Depends: ");
    List<String> out = new ArrayList<>();
    for (String dep : line.substring("Depends: ".length()).split(",")) {
      String name = dep.strip().split("[\\s|(]")[0];
      if (!name.isEmpty()) {
        out.add(name);
      }
    }
    return out;
  }

  /** Downloads the .deb files into {@code into}. */
  public void download(Path into, List<String> packages) throws IOException {
    Files.createDirectories(into);
    List<String> args = new ArrayList<>(List.of("download"));
    args.addAll(packages);
    ExternalCommand.run(into, command("apt-get", args.toArray(String[]::new)));
  }
}
