package dev.traced.bootstrap.weaving;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks at start-up that the classes with {@code @Traced} methods were really woven, so that a
 * build without the aspect is reported instead of tracing nothing in silence.
 *
 * <pre>{@code
 * WeavingSelfCheck.check(Thread.currentThread().getContextClassLoader())
 *     .ifPresent(logger::warning);
 * }</pre>
 *
 * <p>It reads every span catalog ({@value #CATALOG}) that the Traced annotation processor wrote
 * and that {@code loader} can see, then the class file of each listed class, as a resource: no
 * class is loaded or initialised. A class counts as woven when its class file carries ajc's
 * {@code org.aspectj.weaver.WeaverState} attribute or ajc's {@code ajc$} / {@code _aroundBody}
 * members. Listed classes whose class file is missing (a stale catalog line) are skipped.
 *
 * <p>It never throws: an unreadable catalog or class file is skipped, because a failing self
 * check must not stop the application it checks. Cost: about a millisecond per hundred listed
 * classes (see {@code SelfCheckCostTest}).
 */
public final class WeavingSelfCheck {

  /** Where the annotation processor writes catalogs, relative to a class path root. */
  public static final String CATALOG = "META-INF/traced/spans.catalog";

  /** Args: number of classes, their names (at most {@link #MAX_NAMED}, then "and N more"). */
  public static final String NOT_WOVEN =
      "[TracedNotWoven] %d class(es) with @Traced methods were compiled without the Traced aspect,"
          + " so they record no spans: %s. Weave them: add the aspectj-maven-plugin with"
          + " dev.traced:traced-aspects in <aspectLibraries> to the build that compiles them"
          + " as the Traced README shows.";

  /** How many class names the warning lists; the rest are counted. */
  public static final int MAX_NAMED = 20;

  private WeavingSelfCheck() {}

  /**
   * The warning naming the listed classes that {@code loader} sees unwoven, or empty when every
   * listed class is woven (or no catalog is found).
   *
   * @param loader where the catalogs and class files are looked up
   * @return one warning line, or empty
   */
  public static Optional<String> check(ClassLoader loader) {
    Set<String> classes = SpanCatalogReader.tracedClasses(loader, CATALOG);
    List<String> unwoven = new ArrayList<>();
    for (String className : classes) {
      if (ClassFileWeaving.of(loader, className) == ClassFileWeaving.Verdict.NOT_WOVEN) {
        unwoven.add(className);
      }
    }
    if (unwoven.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(String.format(NOT_WOVEN, unwoven.size(), names(unwoven)));
  }

  private static String names(List<String> unwoven) {
    if (unwoven.size() <= MAX_NAMED) {
      return String.join(", ", unwoven);
    }
    return String.join(", ", unwoven.subList(0, MAX_NAMED))
        + " and " + (unwoven.size() - MAX_NAMED) + " more";
  }
}
