package dev.traced.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.aspectj.apache.bcel.classfile.Attribute;
import org.aspectj.apache.bcel.classfile.ClassParser;
import org.aspectj.apache.bcel.classfile.JavaClass;
import org.aspectj.apache.bcel.classfile.Method;
import org.aspectj.apache.bcel.classfile.annotation.AnnotationGen;

/**
 * Finds the class files that the Traced aspects advise: those with a {@code @Traced} or
 * {@code @Annotate} method that has a body, classes annotated {@code @Traced} themselves (their
 * methods are traced as the aspect's {@code tracedByClass} pointcut says), and those that hand
 * tasks to other threads (see
 * {@link HandOffReferences}). Reads class files with the class file parser bundled
 * in AspectJ's weaver, so the plugin needs no other bytecode library.
 *
 * <pre>{@code
 * List<TracedClassFile> found = ClassFileScanner.scan(Path.of("target/classes"));
 * }</pre>
 */
final class ClassFileScanner {

  static final String TRACED = "Ldev/traced/annotations/Traced;";
  static final String ANNOTATE = "Ldev/traced/annotations/Annotate;";
  static final String NOT_TRACED = "Ldev/traced/annotations/NotTraced;";
  /** ACC_BRIDGE and ACC_SYNTHETIC (JVMS 4.6), for which the bundled parser has no accessors. */
  private static final int BRIDGE = 0x0040;

  private static final int SYNTHETIC = 0x1000;
  /** Added by AspectJ to every class file it wove (FINDINGS.md, "Detecting woven classes"). */
  static final String WEAVER_STATE = "org.aspectj.weaver.WeaverState";

  private ClassFileScanner() {}

  /**
   * Every advised class file under {@code classesDir}, sorted by path; none when the directory
   * does not exist.
   *
   * @throws UncheckedIOException if a class file cannot be read
   */
  static List<TracedClassFile> scan(Path classesDir) {
    if (!Files.isDirectory(classesDir)) {
      return List.of();
    }
    List<TracedClassFile> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classesDir)) {
      files
          .filter(file -> file.getFileName().toString().endsWith(".class"))
          .sorted()
          .forEach(file -> read(file).ifPresent(found::add));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /** The class file as an advised class, or empty when the aspect has nothing to advise in it. */
  static Optional<TracedClassFile> read(Path file) {
    JavaClass type;
    try (InputStream in = Files.newInputStream(file)) {
      type = new ClassParser(in, file.toString()).parse();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read class file " + file, e);
    }
    int traced = 0;
    int advised = 0;
    boolean classTraced = hasAnnotation(type.getAnnotations(), TRACED);
    for (Method method : type.getMethods()) {
      if (method.isAbstract() || method.isNative()) {
        continue; // no body: no execution join point, nothing to weave (and no catalog line)
      }
      boolean isTraced = has(method, TRACED) || (classTraced && tracedByClass(method));
      if (isTraced) {
        traced++;
      }
      if (isTraced || has(method, ANNOTATE)) {
        advised++;
      }
    }
    boolean handsOff = HandOffReferences.in(type);
    if (advised == 0 && !handsOff) {
      return Optional.empty();
    }
    return Optional.of(
        new TracedClassFile(
            file, type.getClassName(), traced, advised, woven(type), type.getMajor()));
  }

  /**
   * Whether a class-level {@code @Traced} traces {@code method}, as the aspect's
   * {@code tracedByClass} pointcut decides: not a constructor or initialiser, not synthetic or a
   * bridge, not a lambda body, not toString/equals/hashCode, no {@code @NotTraced}.
   */
  static boolean tracedByClass(Method method) {
    String name = method.getName();
    String signature = method.getSignature();
    return !name.startsWith("<")
        && (method.getModifiers() & (SYNTHETIC | BRIDGE)) == 0
        && !name.startsWith("lambda$")
        && !(name.equals("toString") && signature.equals("()Ljava/lang/String;"))
        && !(name.equals("hashCode") && signature.equals("()I"))
        && !(name.equals("equals") && signature.equals("(Ljava/lang/Object;)Z"))
        && !has(method, NOT_TRACED);
  }

  private static boolean has(Method method, String annotationSignature) {
    return hasAnnotation(method.getAnnotations(), annotationSignature);
  }

  private static boolean hasAnnotation(AnnotationGen[] annotations, String annotationSignature) {
    for (AnnotationGen annotation : annotations) {
      if (annotationSignature.equals(annotation.getTypeSignature())) {
        return true;
      }
    }
    return false;
  }

  private static boolean woven(JavaClass type) {
    for (Attribute attribute : type.getAttributes()) {
      if (WEAVER_STATE.equals(attribute.getName())) {
        return true;
      }
    }
    return false;
  }
}
