package dev.traced.bootstrap.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traced.annotations.Traced;
import dev.traced.aspects.TracedAspect;
import io.opencensus.trace.Span;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.aspectj.bridge.IMessage;
import org.aspectj.bridge.MessageHandler;
import org.aspectj.lang.JoinPoint;
import org.aspectj.tools.ajc.Main;

/**
 * Builds a small user module twice, with the real tools: javac with the Traced processor and no
 * weaving, and the recommended layout (javac {@code -proc:only}, then ajc with
 * {@code traced-aspects} on the aspect path and processing off).
 */
final class FixtureBuild {

  /** A traced class with a nested traced class, and a class without traced methods. */
  static final String CHECKOUT =
      String.join(
          "\n",
          "package shop;",
          "import dev.traced.annotations.*;",
          "public class Checkout {",
          "  @Traced public long pay(@Attr(\"amount\") double amount) { return Money.cents(amount); }",
          "  static final class Money {",
          "    @Traced static long cents(double amount) { return Math.round(amount * 100); }",
          "  }",
          "}",
          "");

  static final String PLAIN =
      String.join(
          "\n",
          "package shop;",
          "public class Plain {",
          "  // Mentions ajc's attribute name without being woven.",
          "  public static final String NOT_A_MARKER = \"org.aspectj.weaver.WeaverState ajc$x\";",
          "}",
          "");

  private final Path root;
  private final List<Path> sources = new ArrayList<>();

  FixtureBuild(Path root) throws IOException {
    this.root = root;
    source("Checkout", CHECKOUT);
    source("Plain", PLAIN);
  }

  /** Javac with the processor from {@code traced-annotations}: checked, catalogued, not woven. */
  Path compileWithoutWeaving() throws IOException {
    Path classes = Files.createDirectories(root.resolve("unwoven"));
    javac(classes, List.of());
    return classes;
  }

  /** The recommended layout: javac runs the processor alone, then ajc compiles and weaves. */
  Path compileAndWeave() throws IOException {
    Path classes = Files.createDirectories(root.resolve("woven"));
    javac(classes, List.of("-proc:only"));
    List<String> args =
        new ArrayList<>(
            List.of(
                "-17", "-parameters", "-proc:none", "-d", classes.toString(),
                "-aspectpath", location(TracedAspect.class),
                "-classpath", classPath(Traced.class, TracedAspect.class, JoinPoint.class, Span.class)));
    sources.forEach(source -> args.add(source.toString()));
    MessageHandler messages = new MessageHandler();
    new Main().run(args.toArray(new String[0]), messages);
    assertThat(messages.getErrors()).as(Arrays.toString(messages.getMessages(IMessage.ERROR, true))).isEmpty();
    return classes;
  }

  /** A loader that sees {@code classes} and the JDK only: no other catalog on the class path. */
  static FixtureLoader loader(Path... classes) throws MalformedURLException {
    URL[] urls = new URL[classes.length];
    for (int i = 0; i < classes.length; i++) {
      urls[i] = classes[i].toUri().toURL();
    }
    return new FixtureLoader(urls);
  }

  /** A class loader that tells whether it has defined a class. */
  static final class FixtureLoader extends URLClassLoader {
    FixtureLoader(URL[] urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    boolean hasLoaded(String name) {
      return findLoadedClass(name) != null;
    }
  }

  static List<String> catalogLines(Path classes) throws IOException {
    try (Stream<String> lines = Files.lines(classes.resolve(WeavingSelfCheck.CATALOG))) {
      return lines.filter(line -> !line.startsWith("#")).collect(Collectors.toList());
    }
  }

  private void source(String name, String text) throws IOException {
    Path file = root.resolve("src/shop/" + name + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    sources.add(file);
  }

  private void javac(Path classes, List<String> extra) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    List<String> options = new ArrayList<>(extra);
    String annotations = location(Traced.class);
    options.addAll(
        List.of(
            "--release", "17", "-parameters", "-Atraced.parameters=true", "-Xlint:all",
            "-Xlint:-processing", "-Werror", "-d", classes.toString(),
            "-classpath", annotations,
            // Listed explicitly, as the README says: JDK 23+ ignores processors on the class path.
            "-processorpath", annotations));
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
      boolean ok =
          compiler
              .getTask(diagnostics, files, null, options, null, files.getJavaFileObjectsFromPaths(sources))
              .call();
      assertThat(ok).as(diagnostics.toString()).isTrue();
    }
  }

  private static String classPath(Class<?>... types) {
    return Arrays.stream(types).map(FixtureBuild::location).distinct().collect(Collectors.joining(File.pathSeparator));
  }

  /** The jar or classes folder that {@code type} was loaded from. */
  static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
