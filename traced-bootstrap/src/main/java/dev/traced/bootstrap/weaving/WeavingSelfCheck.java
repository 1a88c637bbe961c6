package dev.traced.bootstrap.weaving;

import dev.traced.annotations.processing.SpanCatalog;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

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
 * and that {@code loader} can see, then the class file of each listed class from the same
 * directory or jar as the catalog: no class is loaded or initialised (but see load-time weaving below). A class counts as woven when its class file carries ajc's
 * {@code org.aspectj.weaver.WeaverState} attribute or ajc's {@code ajc$} / {@code _aroundBody}
 * members. Listed classes whose class file is missing (a stale catalog line) are skipped.
 *
 * <p>Under AspectJ's load-time weaver ({@code -javaagent:aspectjweaver.jar}) class files are never
 * woven on disk, so a class whose class file is not woven is loaded through {@code loader}
 * (without being initialised) and counts as woven when the class it defines is: classes outside
 * the {@code META-INF/aop.xml} scope, loaded before the agent or by a loader the agent does not
 * see are reported with {@link #NOT_WOVEN_AT_LOAD}. Without the agent, no class is loaded.
 *
 * <p>It never throws: an unreadable catalog or class file is skipped, because a failing self
 * check must not stop the application it checks. Cost, measured in a fresh JVM by
 * {@code SelfCheckCostTest}: about 25 ms for 1,000 catalogued methods in 100 classes, about
 * 80 ms (directory) to 120 ms (jar) for 1,000 classes of one method each; a caller that cannot
 * afford that on its start-up path can run it on a background thread.
 */
public final class WeavingSelfCheck {

  /** Where the annotation processor writes catalogs, relative to a class path root. */
  public static final String CATALOG = SpanCatalog.PATH;

  /** Args: number of classes, their names (at most {@link #MAX_NAMED}, then "and N more"). */
  public static final String NOT_WOVEN =
      "[TracedNotWoven] %d class(es) with @Traced methods were compiled without the Traced aspect,"
          + " so they record no spans: %s. Weave them: add dev.traced:traced-maven-plugin (or the"
          + " aspectj-maven-plugin with dev.traced:traced-aspects in <aspectLibraries>) to the"
          + " build that compiles them, or run the JVM with -javaagent:aspectjweaver.jar"
          + " (load-time weaving), as the Traced README shows.";

  /**
   * Like {@link #NOT_WOVEN}, when AspectJ's load-time weaver runs ({@code -javaagent}) but did not
   * weave these classes. Args: number of classes, their names.
   */
  public static final String NOT_WOVEN_AT_LOAD =
      "[TracedNotWoven] %d class(es) with @Traced methods were not woven by the AspectJ load-time"
          + " weaver (-javaagent), so they record no spans: %s. They are outside the weaving scope"
          + " of META-INF/aop.xml, were loaded before the agent, or by a class loader it does not"
          + " see: add <include within=\"their.package..*\"/> to your META-INF/aop.xml (or remove"
          + " the <exclude> that matches them), or weave them at build time with"
          + " dev.traced:traced-maven-plugin, as the Traced README shows.";

  /** How many class names the warning lists; the rest are counted. */
  public static final int MAX_NAMED = 20;

  // A class, not a method reference: the first lambda of a JVM costs milliseconds of start-up.
  private static final BooleanSupplier JVM_AGENT =
      new BooleanSupplier() {
        @Override
        public boolean getAsBoolean() {
          return LoadTimeWeaving.agentActive();
        }
      };

  private WeavingSelfCheck() {}

  /**
   * The warning naming the listed classes that {@code loader} sees unwoven, or empty when every
   * listed class is woven (or no catalog is found).
   *
   * @param loader where the catalogs and class files are looked up
   * @return one warning line, or empty
   */
  public static Optional<String> check(ClassLoader loader) {
    return check(loader, JVM_AGENT);
  }

  /** As {@link #check(ClassLoader)}, asking {@code agentActive} only once a class file is unwoven. */
  static Optional<String> check(ClassLoader loader, BooleanSupplier agentActive) {
    Set<String> unwoven = new TreeSet<>();
    for (URL catalog : SpanCatalogReader.catalogs(loader, CATALOG)) {
      unwoven.addAll(unwovenBeside(catalog, loader));
    }
    if (unwoven.isEmpty()) {
      return Optional.empty();
    }
    // Only now, with class files that are not woven: looking for the agent loads java.management.
    boolean agent = agentActive.getAsBoolean();
    if (agent) {
      unwoven.removeIf(
          className ->
              LoadTimeWeaving.ofLoaded(className, loader) != ClassFileWeaving.Verdict.NOT_WOVEN);
      if (unwoven.isEmpty()) {
        return Optional.empty();
      }
    }
    String format = agent ? NOT_WOVEN_AT_LOAD : NOT_WOVEN;
    return Optional.of(String.format(format, unwoven.size(), names(new ArrayList<>(unwoven))));
  }

  /** The classes of one catalog whose class file, beside the catalog, is not woven. */
  private static List<String> unwovenBeside(URL catalog, ClassLoader loader) {
    List<String> unwoven = new ArrayList<>();
    try (ClassFiles classFiles = ClassFiles.besideCatalog(catalog, CATALOG, loader)) {
      for (String className : SpanCatalogReader.tracedClasses(catalog)) {
        if (ClassFileWeaving.of(classFiles.read(className)) == ClassFileWeaving.Verdict.NOT_WOVEN) {
          unwoven.add(className);
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // Whatever was found before the failure is still worth reporting; the rest is unknown.
    }
    return unwoven;
  }

  private static String names(List<String> unwoven) {
    if (unwoven.size() <= MAX_NAMED) {
      return String.join(", ", unwoven);
    }
    return String.join(", ", unwoven.subList(0, MAX_NAMED))
        + " and " + (unwoven.size() - MAX_NAMED) + " more";
  }
}
