package dev.traced.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Woven class files of the last builds, keyed by the hash of the class file javac wrote: when javac
 * recompiles a whole module for a one-file change, the unchanged classes come out byte for byte as
 * before, and their woven form is copied back instead of woven again.
 *
 * <pre>{@code
 * WovenClassCache cache = WovenClassCache.open(dir, "plugin 0.1.0, aspects jar 1234@5678");
 * if (!cache.restore(classFile)) { weave it; cache.store(unwovenHash, classFile); }
 * }</pre>
 *
 * <p>The woven form depends on the aspect and the weaver's options too: the cache is emptied when
 * its {@code stamp} (plugin version, aspect jar, options) changes.
 */
final class WovenClassCache {

  private static final String STAMP_FILE = "stamp";

  private final Path dir;
  private final Set<String> used = new HashSet<>();

  private WovenClassCache(Path dir) {
    this.dir = dir;
  }

  /** The cache in {@code dir}, emptied first if it was filled under another {@code stamp}. */
  static WovenClassCache open(Path dir, String stamp) {
    try {
      Path stampFile = dir.resolve(STAMP_FILE);
      boolean current =
          Files.isRegularFile(stampFile)
              && Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp);
      if (!current) {
        Files.createDirectories(dir);
        prune(dir, Set.of());
        Files.writeString(stampFile, stamp, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new WovenClassCache(dir);
  }

  /** The hash under which the current content of {@code classFile} is (or will be) cached. */
  static String hash(Path classFile) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(classFile));
      return HexFormat.of().formatHex(digest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Replaces {@code classFile} with its cached woven form; false when none is cached. */
  boolean restore(Path classFile, String hash) {
    Path entry = dir.resolve(hash + ".class");
    used.add(entry.getFileName().toString());
    if (!Files.isRegularFile(entry)) {
      return false;
    }
    try {
      Files.copy(entry, classFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return true;
  }

  /** Remembers the woven {@code classFile} as the woven form of the class javac wrote with {@code hash}. */
  void store(String hash, Path classFile) {
    try {
      Files.copy(
          classFile, dir.resolve(hash + ".class"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Forgets entries not looked up in this build, so the cache holds one build's classes. */
  void pruneUnused() {
    prune(dir, used);
  }

  private static void prune(Path dir, Set<String> keep) {
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        if (name.endsWith(".class") && !keep.contains(name)) {
          Files.delete(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
