package dev.traced.testing;

import java.util.regex.Pattern;

/**
 * Removes the warnings JDK 24+ prints by itself when a library calls {@code sun.misc.Unsafe}
 * (OpenCensus' Disruptor, AspectJ's weaver), for tests that assert a forked JVM's exact stderr:
 * they come from the JVM, a jar cannot switch them off, and users silence them with
 * {@code --sun-misc-unsafe-memory-access=allow}.
 *
 * <pre>{@code
 * assertThat(JvmWarnings.withoutUnsafeWarnings(stderr, "com.lmax.")).isEqualTo(expectedLine);
 * }</pre>
 */
public final class JvmWarnings {

  private JvmWarnings() {}

  /**
   * {@code output} without the JVM's {@code sun.misc.Unsafe} warning lines whose "reporting this
   * to the maintainers of class" line names a class starting with {@code reportedClassPrefix}
   * ({@code ""}: any class). Other lines, other warnings included, stay.
   */
  public static String withoutUnsafeWarnings(String output, String reportedClassPrefix) {
    return output.replaceAll(
        "(?m)^WARNING: (A terminally deprecated method in sun\\.misc\\.Unsafe has been called"
            + "|sun\\.misc\\.Unsafe::\\w+ (has been called by|will be removed).*"
            + "|Please consider reporting this to the maintainers of class "
            + Pattern.quote(reportedClassPrefix) + ".*)\\R",
        "");
  }
}
