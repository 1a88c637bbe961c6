package dev.traced.bootstrap.weaving;

import java.io.Closeable;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the class files that sit beside one span catalog: in the same classes directory or the
 * same jar. Reading from the catalog's own root, not through the class loader, is what makes the
 * check cheap (no class path search, one open jar per catalog) and exact (a class of the same
 * name elsewhere on the class path is not mistaken for this module's).
 */
abstract class ClassFiles implements Closeable {

  /**
   * The class files beside {@code catalog}, a URL of {@code catalogPath} inside a directory or a
   * jar; any other kind of URL (nested jars, custom loaders) is read through {@code loader}.
   */
  static ClassFiles besideCatalog(URL catalog, String catalogPath, ClassLoader loader) {
    try {
      String url = catalog.toString();
      if (url.startsWith("file:") && url.endsWith(catalogPath)) {
        Path file = Path.of(catalog.toURI());
        Path root = file;
        for (int depth = Path.of(catalogPath).getNameCount(); depth > 0; depth--) {
          root = root.getParent();
        }
        return new Directory(root.toFile());
      }
      String jarSeparator = "!/".concat(catalogPath);
      if (url.startsWith("jar:file:") && url.endsWith(jarSeparator)) {
        String jar = url.substring("jar:".length(), url.length() - jarSeparator.length());
        if (!jar.contains("!/")) {
          return new Jar(new ZipFile(Path.of(new URI(jar)).toFile()));
        }
      }
    } catch (IOException | URISyntaxException | IllegalArgumentException unusual) {
      // Fall through to the class loader, which knows how to read whatever it serves.
    }
    return new Loader(loader);
  }

  /** The class file of {@code binaryClassName}, or null when there is none. */
  abstract byte[] read(String binaryClassName) throws IOException;

  @Override
  public void close() throws IOException {}

  static String resourceName(String binaryClassName) {
    // concat, not +: javac compiles + to invokedynamic, whose first use costs milliseconds at
    // start-up, and this runs at start-up.
    return binaryClassName.replace('.', '/').concat(".class");
  }

  private static final class Directory extends ClassFiles {
    private final File root;

    Directory(File root) {
      this.root = root;
    }

    @Override
    byte[] read(String binaryClassName) throws IOException {
      // java.io, not NIO: at start-up the class loader has warmed up java.io already.
      File file = new File(root, resourceName(binaryClassName));
      if (!file.isFile()) {
        return null;
      }
      try (InputStream in = new FileInputStream(file)) {
        return in.readAllBytes();
      }
    }
  }

  private static final class Jar extends ClassFiles {
    private final ZipFile jar;

    Jar(ZipFile jar) {
      this.jar = jar;
    }

    @Override
    byte[] read(String binaryClassName) throws IOException {
      ZipEntry entry = jar.getEntry(resourceName(binaryClassName));
      if (entry == null) {
        return null;
      }
      try (InputStream in = jar.getInputStream(entry)) {
        return in.readAllBytes();
      }
    }

    @Override
    public void close() throws IOException {
      jar.close();
    }
  }

  private static final class Loader extends ClassFiles {
    private final ClassLoader loader;

    Loader(ClassLoader loader) {
      this.loader = loader;
    }

    @Override
    byte[] read(String binaryClassName) throws IOException {
      try (InputStream in = loader.getResourceAsStream(resourceName(binaryClassName))) {
        return in == null ? null : in.readAllBytes();
      }
    }
  }
}
