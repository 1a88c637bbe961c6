package dev.traced.maven;

/**
 * Every line the plugin prints or fails with: a tag, the rule, the fix, the setting. Kept here so
 * that the integration tests can assert them.
 */
final class Messages {

  /** Classes with @Traced methods, but javac did not run the Traced processor. Args: count, dir, first class. */
  static final String PROCESSOR_DID_NOT_RUN =
      "[TracedProcessorDidNotRun] %d classes in %s have @Traced methods (first: %s) but"
          + " META-INF/traced/spans.catalog is missing: the Traced annotation processor did not"
          + " run (JDK 23+ runs processors only when asked); add"
          + " <maven.compiler.proc>full</maven.compiler.proc> to your <properties>, or list"
          + " dev.traced:traced-annotations in maven-compiler-plugin's <annotationProcessorPaths>.";

  /** The woven classes need the aspect at run time. Args: version. */
  static final String ASPECTS_MISSING =
      "[TracedAspectsMissing] this project has @Traced/@Annotate methods but no dependency on"
          + " dev.traced:traced-aspects, which woven classes call at run time; add the dependency"
          + " dev.traced:traced-aspects:%s.";

  /** Classes that still carry no weaving after the weaver ran. Args: count, first class, dir. */
  static final String NOT_WOVEN =
      "[TracedNotWoven] %d classes with @Traced/@Annotate methods were left unwoven (first: %s"
          + " in %s), so their methods would run without spans; remove the <ajcOptions> that"
          + " stop weaving, or run mvn clean verify and report the case if it persists.";

  /** AspectJ reported errors. Args: the weaver's messages, one per line. */
  static final String WEAVE_FAILED =
      "[TracedWeaveFailed] AspectJ could not weave the Traced aspect into this project's"
          + " classes:%n%s";

  /** Weaving skipped on purpose. Args: count. */
  static final String SKIPPED =
      "[TracedSkipped] traced.skip is true: %d classes with @Traced/@Annotate methods are NOT"
          + " woven and will produce no spans.";

  /** The one INFO line of a build that wove. Args: classes, methods, dir, reused, already woven. */
  static final String WOVE =
      "Traced: wove %d classes, %d methods in %s (%d unchanged classes reused from the last"
          + " weaving, %d already woven)";

  /** The INFO line when nothing needed weaving. Args: already woven, dir. */
  static final String NOTHING_TO_WEAVE =
      "Traced: nothing to weave (%d classes already woven) in %s";

  private Messages() {}
}
