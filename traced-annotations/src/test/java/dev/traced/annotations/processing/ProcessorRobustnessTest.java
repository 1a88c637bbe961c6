package dev.traced.annotations.processing;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.traced.annotations.processing.Sources.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The processor never crashes javac and never claims the annotations. */
class ProcessorRobustnessTest {

  private final JavaFileObject shop =
      source("Shop", "class Shop {", "  @Traced void pay() {}", "  @Traced void refund() {}", "}");

  @Test
  void processorFailureBecomesOneErrorInsteadOfACompilerCrash() {
    TracedProcessor failing =
        new TracedProcessor(
            method -> {
              throw new IllegalStateException("rule bug");
            });

    Compilation compilation =
        javac().withProcessors(failing).withOptions(Sources.BUILD_OPTIONS).compile(shop);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[TracedInternal] The Traced annotation processor failed"
            + " (java.lang.IllegalStateException: rule bug at ");
  }

  @Test
  void failureWithoutAStackTraceIsReportedToo() {
    TracedProcessor failing =
        new TracedProcessor(
            method -> {
              IllegalStateException bug = new IllegalStateException("rule bug");
              bug.setStackTrace(new StackTraceElement[0]);
              throw bug;
            });

    Compilation compilation =
        javac().withProcessors(failing).withOptions(Sources.BUILD_OPTIONS).compile(shop);

    assertThat(compilation)
        .hadErrorContaining(
            "[TracedInternal] The Traced annotation processor failed"
                + " (java.lang.IllegalStateException: rule bug at unknown)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void annotationsStayUnclaimedForOtherProcessors() {
    TracedProcessor processor = new TracedProcessor();
    RecordingProcessor after = new RecordingProcessor();

    Compilation compilation =
        javac().withProcessors(processor, after).withOptions(Sources.BUILD_OPTIONS).compile(shop);

    assertThat(compilation).succeededWithoutWarnings();
    org.assertj.core.api.Assertions.assertThat(after.seen).contains("dev.traced.annotations.Traced");
  }
}
