package oomlab.controller.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the Debian archive this machine already uses, from its own apt sources, so that oomlab
 * never names a mirror itself: the private kernel configuration points at the same archive with
 * other suites. Parsing is a pure function over the files' text.
 */
public final class AptSources {
  private AptSources() {}

  /** The archive URI of the system's sources ({@code /etc/apt/sources.list.d/*.sources}, {@code sources.list}). */
  public static Optional<String> systemArchiveUri() throws IOException {
    List<String> texts = new ArrayList<>();
    Path dir = Path.of("/etc/apt/sources.list.d");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.sorted().toList()) {
          String name = p.getFileName().toString();
          if (name.endsWith(".sources") || name.endsWith(".list")) {
            texts.add(Files.readString(p));
          }
        }
      }
    }
    Path list = Path.of("/etc/apt/sources.list");
    if (Files.isRegularFile(list)) {
      texts.add(Files.readString(list));
    }
    return texts.stream().map(AptSources::archiveUri).flatMap(Optional::stream).findFirst();
  }

  /**
   * The URI of the first binary ("deb") entry that serves a Debian release suite (a bare codename
   * such as {@code bookworm}, not {@code -security} or {@code -updates}) with component main.
   * Accepts both the deb822 and the one-line format.
   */
  public static Optional<String> archiveUri(String text) {
    for (Entry e : entries(text)) {
      boolean release = e.suites.stream().anyMatch(s -> s.matches("[a-z]+"));
      if (e.types.contains("deb") && release && e.components.contains("main") && !e.uri.endsWith("-security")) {
        return Optional.of(e.uri.replaceAll("/+$", ""));
      }
    }
    return Optional.empty();
  }

  private record Entry(List<String> types, String uri, List<String> suites, List<String> components) {}

  private static List<Entry> entries(String text) {
    return text.contains("URIs:") ? deb822(text) : oneLine(text);
  }

  private static List<Entry> deb822(String text) {
    List<Entry> out = new ArrayList<>();
    for (String stanza : text.split("\\n\\s*\\n")) {
      String types = field(stanza, "Types");
      String uris = field(stanza, "URIs");
      if (types == null || uris == null || "no".equalsIgnoreCase(field(stanza, "Enabled"))) {
        continue;
      }
      for (String uri : words(uris)) {
        out.add(new Entry(words(types), uri, words(orEmpty(field(stanza, "Suites"))), words(orEmpty(field(stanza, "Components")))));
      }
    }
    return out;
  }

  private static List<Entry> oneLine(String text) {
    List<Entry> out = new ArrayList<>();
    for (String line : text.split("\\n")) {
      String l = line.replaceAll("\\[[^]]*]", " ").strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      List<String> w = words(l);
      if (w.size() >= 4) {
        out.add(new Entry(List.of(w.get(0)), w.get(1), List.of(w.get(2)), w.subList(3, w.size())));
      }
    }
    return out;
  }

  private static String field(String stanza, String name) {
    for (String line : stanza.split("\\n")) {
      if (!line.startsWith("#") && line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return null;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static List<String> words(String s) {
    return Arrays.stream(s.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }
}
