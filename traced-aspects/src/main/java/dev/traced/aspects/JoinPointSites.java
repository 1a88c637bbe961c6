package dev.traced.aspects;

import java.util.concurrent.ConcurrentHashMap;
import org.aspectj.lang.JoinPoint;

/**
 * Caches the {@link MethodSite} of each woven join point, so that reflection happens once per
 * method and never per call.
 *
 * <p>Keys are ajc's {@link JoinPoint.StaticPart} objects: one per woven method, created when its
 * class initialises, and never collected before it, so the map holds one entry per traced method.
 */
final class JoinPointSites {

  private static final ConcurrentHashMap<JoinPoint.StaticPart, MethodSite> SITES =
      new ConcurrentHashMap<>();

  private JoinPointSites() {}

  /** Returns the site of {@code joinPoint}, resolving it on first use. */
  static MethodSite of(JoinPoint.StaticPart joinPoint) {
    MethodSite site = SITES.get(joinPoint);
    // get() first: computeIfAbsent locks a bin even when the value is present on some JDKs.
    return site != null ? site : SITES.computeIfAbsent(joinPoint, MethodSite::resolve);
  }

  /**
   * Forgets every resolved site, so the next call resolves it again; for tests, whose binding
   * assertions must not pass on a site resolved by earlier code (PIT swaps classes in one JVM).
   */
  static void clearForTests() {
    SITES.clear();
  }
}
