package dev.traced.maven;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Weaves the Traced aspect into one class output folder, after javac: finds the classes with
 * {@code @Traced}/{@code @Annotate} methods that are not woven yet, weaves just those in place, and
 * checks that every one of them is woven afterwards.
 *
 * <p>A rebuild without {@code clean} is safe: javac rewrites the classes it recompiles (unwoven),
 * and classes it left alone still carry AspectJ's {@code WeaverState} attribute and are skipped,
 * so nothing is woven twice. Classes javac rewrote with the same bytes as last time get their
 * woven form back from {@link WovenClassCache}: a one-file change weaves one class, not the module.
 */
abstract class AbstractWeaveMojo extends AbstractMojo {

  static final String CATALOG = "META-INF/traced/spans.catalog";
  private static final String ASPECTS_KEY = "dev.traced:traced-aspects";
  private static final String WEAVER_KEY = "org.aspectj:aspectjtools";

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${plugin.artifactMap}", readonly = true, required = true)
  Map<String, Artifact> pluginArtifacts;

  @Parameter(defaultValue = "${plugin.version}", readonly = true, required = true)
  String pluginVersion;

  /**
   * Skips weaving; the build then warns how many classes produce no spans. Default {@code false}.
   * (The aspectj-maven-plugin's {@code aspectj.skip} does not apply: javac compiles either way.)
   */
  @Parameter(property = "traced.skip", defaultValue = "false")
  boolean skip;

  /**
   * Further ajc options, placed after the plugin's own; for example {@code -XnoInline} for mutation
   * testing. Options that stop weaving fail the build ([TracedNotWoven]).
   */
  @Parameter
  List<String> ajcOptions = new ArrayList<>();

  /** The class output folder this goal weaves. */
  abstract Path classesDir();

  /** The class path the classes were compiled against (it includes {@link #classesDir()}). */
  abstract List<String> classpath() throws DependencyResolutionRequiredException;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    Path classes = classesDir();
    List<TracedClassFile> found = ClassFileScanner.scan(classes);
    if (found.isEmpty()) {
      getLog().debug("Traced: no @Traced/@Annotate methods in " + classes);
      return;
    }
    if (skip) {
      getLog().warn(
          String.format(
              Messages.SKIPPED, found.stream().filter(TracedClassFile::annotated).count()));
      return;
    }
    requireCatalog(classes, found);
    requireAspectsDependency();

    List<TracedClassFile> unwoven =
        found.stream().filter(c -> !c.woven()).collect(Collectors.toList());
    int alreadyWoven = found.size() - unwoven.size();
    if (unwoven.isEmpty()) {
      getLog().info(String.format(Messages.NOTHING_TO_WEAVE, alreadyWoven, shown(classes)));
      return;
    }
    WovenClassCache cache = WovenClassCache.open(workDir(classes, "cache"), cacheStamp());
    Map<TracedClassFile, String> toWeave = new LinkedHashMap<>();
    int reused = 0;
    for (TracedClassFile c : unwoven) {
      String hash = WovenClassCache.hash(c.file());
      if (cache.restore(c.file(), hash)) {
        reused++;
      } else {
        toWeave.put(c, hash);
      }
    }
    if (!toWeave.isEmpty()) {
      weave(classes, new ArrayList<>(toWeave.keySet()));
      toWeave.forEach(
          (c, hash) -> {
            if (!hasClosures(c.file())) {
              cache.store(hash, c.file());
            }
          });
    }
    cache.pruneUnused();
    requireWoven(classes, unwoven);
    int methods = toWeave.keySet().stream().mapToInt(TracedClassFile::advisedMethods).sum();
    getLog()
        .info(
            String.format(
                Messages.WOVE,
                toWeave.size(),
                methods,
                shown(classes),
                reused,
                alreadyWoven));
  }

  /** What the woven form of a class depends on besides its own bytes. */
  private String cacheStamp() {
    File aspects = pluginArtifacts.get(ASPECTS_KEY).getFile();
    return "traced-maven-plugin " + pluginVersion + "\naspects " + aspects.getName() + " "
        + aspects.length() + " " + aspects.lastModified() + "\najc options " + ajcOptions + "\n";
  }

  /**
   * Whether ajc wrote closure classes beside the class (around advice it could not inline, for
   * example with -XnoInline); such classes are not cached, as a restore would not bring them back.
   */
  private static boolean hasClosures(Path classFile) {
    String name = classFile.getFileName().toString();
    String prefix = name.substring(0, name.length() - ".class".length()) + "$AjcClosure";
    try (Stream<Path> siblings = Files.list(classFile.getParent())) {
      return siblings.anyMatch(f -> f.getFileName().toString().startsWith(prefix));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path workDir(Path classes, String kind) {
    return Path.of(
        project.getBuild().getDirectory(),
        "traced-weave",
        kind + "-" + classes.getFileName().toString());
  }

  private void requireCatalog(Path classes, List<TracedClassFile> found)
      throws MojoFailureException {
    List<TracedClassFile> traced =
        found.stream().filter(c -> c.tracedMethods() > 0).collect(Collectors.toList());
    if (!traced.isEmpty() && !Files.isRegularFile(classes.resolve(CATALOG))) {
      throw new MojoFailureException(
          String.format(
              Messages.PROCESSOR_DID_NOT_RUN,
              traced.size(),
              shown(classes),
              traced.get(0).className()));
    }
  }

  private void requireAspectsDependency() throws MojoFailureException {
    boolean present =
        project.getArtifacts().stream()
            .anyMatch(
                a ->
                    "dev.traced".equals(a.getGroupId())
                        && "traced-aspects".equals(a.getArtifactId()));
    if (!present) {
      throw new MojoFailureException(String.format(Messages.ASPECTS_MISSING, pluginVersion));
    }
  }

  private void weave(Path classes, List<TracedClassFile> unwoven) throws MojoFailureException {
    int release = unwoven.stream().mapToInt(TracedClassFile::major).max().orElse(61) - 44;
    List<String> classpath = new ArrayList<>();
    try {
      classpath.addAll(classpath());
    } catch (DependencyResolutionRequiredException e) {
      throw new IllegalStateException("dependencies are resolved by the goal's declaration", e);
    }
    // The aspect's own dependencies (annotations, opencensus-api, aspectjrt), after the project's.
    List<File> aspects = new ArrayList<>();
    for (Map.Entry<String, Artifact> entry : pluginArtifacts.entrySet()) {
      if (entry.getKey().equals(ASPECTS_KEY)) {
        aspects.add(entry.getValue().getFile());
      } else if (!entry.getKey().equals(WEAVER_KEY)) {
        classpath.add(entry.getValue().getFile().getPath());
      }
    }
    Path staging = workDir(classes, "input");
    try {
      List<String> warnings =
          new AjcWeaver(staging)
              .weave(
                  classes,
                  unwoven.stream().map(TracedClassFile::file).collect(Collectors.toList()),
                  classpath,
                  aspects,
                  release,
                  ajcOptions == null ? List.of() : ajcOptions);
      warnings.forEach(getLog()::warn);
    } catch (WeaveException e) {
      throw new MojoFailureException(
          String.format(Messages.WEAVE_FAILED, e.getMessage()));
    }
  }

  private static void requireWoven(Path classes, List<TracedClassFile> woven)
      throws MojoFailureException {
    // Classes that only hand off work stay as they are when no call in them matches the advice.
    List<TracedClassFile> left =
        woven.stream()
            .filter(TracedClassFile::annotated)
            .map(c -> ClassFileScanner.read(c.file()).orElse(c))
            .filter(c -> !c.woven())
            .collect(Collectors.toList());
    if (!left.isEmpty()) {
      throw new MojoFailureException(
          String.format(
              Messages.NOT_WOVEN, left.size(), left.get(0).className(), shown(classes)));
    }
  }

  /** The folder as the user knows it: relative to the working directory when inside it. */
  private static String shown(Path classes) {
    Path cwd = Path.of("").toAbsolutePath();
    return classes.startsWith(cwd) ? cwd.relativize(classes).toString() : classes.toString();
  }
}
