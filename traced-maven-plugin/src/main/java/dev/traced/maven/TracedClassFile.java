package dev.traced.maven;

import java.nio.file.Path;

/**
 * A compiled class the aspects advise, as read from its class file: it has at least one
 * {@code @Traced} or {@code @Annotate} method with a body ({@link #annotated()}), or it hands tasks
 * to other threads, or both.
 *
 * @param file the class file
 * @param className the binary class name, such as {@code com.shop.Checkout$Money}
 * @param tracedMethods methods with a body annotated {@code @Traced}
 * @param advisedMethods methods with a body annotated {@code @Traced}, {@code @Annotate} or both
 * @param woven whether the class file carries AspectJ's {@code WeaverState} attribute, which the
 *     weaver adds to every class it changed
 * @param major the class file's major version (61 for Java 17, 69 for Java 25)
 */
record TracedClassFile(
    Path file, String className, int tracedMethods, int advisedMethods, boolean woven,
    int major) {

  /** Whether the class has Traced annotations (and so must come out woven). */
  boolean annotated() {
    return advisedMethods > 0;
  }
}
