package dev.traced.annotations.processing;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.traced.annotations.processing.Sources.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * A catalog that cannot be written is a warning naming the file and the cause, never an error:
 * the classes compile, only the start-up weaving check loses this compilation's methods.
 */
class CatalogWarningTest {

  /** Another processor that has already created the catalog file, so javac refuses a second. */
  private static final class CatalogSquatter extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try {
          processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", SpanCatalog.PATH);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void catalogThatCannotBeWrittenIsAWarningNamingTheFile() {
    Compilation compilation =
        javac()
            .withProcessors(new CatalogSquatter(), new TracedProcessor())
            .withOptions(Sources.BUILD_OPTIONS)
            .compile(source("Shop", "class Shop {", "  @Traced void pay() {}", "}"));

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining("[TracedCatalog] Could not write " + SpanCatalog.PATH + " (");
    assertThat(compilation).hadWarningContaining("the start-up weaving check will not know");
    assertThat(compilation).hadWarningCount(1);
  }
}
