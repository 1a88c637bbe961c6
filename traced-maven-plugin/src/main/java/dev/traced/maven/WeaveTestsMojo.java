package dev.traced.maven;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Weaves {@code @Traced}/{@code @Annotate} methods of the test classes
 * ({@code target/test-classes}), so traced test fixtures produce spans too. Bound to
 * {@code process-test-classes}; the same checks as {@link WeaveMojo}.
 *
 * <pre>{@code
 * <goals><goal>weave</goal><goal>weave-tests</goal></goals>
 * }</pre>
 */
@Mojo(
    name = "weave-tests",
    defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public final class WeaveTestsMojo extends AbstractWeaveMojo {

  @Override
  Path classesDir() {
    return Path.of(project.getBuild().getTestOutputDirectory());
  }

  @Override
  List<String> classpath() throws DependencyResolutionRequiredException {
    return project.getTestClasspathElements();
  }
}
