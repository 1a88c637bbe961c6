package dev.traced.maven;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Weaves {@code @Traced}/{@code @Annotate} methods of the main classes ({@code target/classes})
 * after javac compiled them. Bound to {@code process-classes}; no configuration.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>dev.traced</groupId>
 *   <artifactId>traced-maven-plugin</artifactId>
 *   <version>0.1.0-SNAPSHOT</version>
 *   <executions><execution><goals><goal>weave</goal><goal>weave-tests</goal></goals></execution></executions>
 * </plugin>
 * }</pre>
 *
 * <p>Fails the build when the Traced processor did not run, when the project lacks
 * {@code traced-aspects}, when AspectJ reports an error, and when a class is left unwoven.
 */
@Mojo(
    name = "weave",
    defaultPhase = LifecyclePhase.PROCESS_CLASSES,
    requiresDependencyResolution = ResolutionScope.COMPILE,
    threadSafe = true)
public final class WeaveMojo extends AbstractWeaveMojo {

  @Override
  Path classesDir() {
    return Path.of(project.getBuild().getOutputDirectory());
  }

  @Override
  List<String> classpath() throws DependencyResolutionRequiredException {
    return project.getCompileClasspathElements();
  }
}
