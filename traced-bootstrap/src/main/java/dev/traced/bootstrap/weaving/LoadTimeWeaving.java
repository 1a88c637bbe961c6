package dev.traced.bootstrap.weaving;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Tells whether AspectJ's load-time weaver ({@code -javaagent:aspectjweaver.jar}) runs in this JVM,
 * and whether it wove a class as a class loader defines it.
 *
 * <p>Under the agent a class file on disk is never woven; only the class the loader defines is.
 * So the class is loaded (not initialised: no static initialiser runs) and its members are looked
 * at: the weaver adds {@code ajc$...} fields and {@code ..._aroundBody...} methods to every class it
 * weaves. Loading through the application's own loader gives exactly the answer the application
 * gets: the merged {@code META-INF/aop.xml} scope, a class loaded before the agent, a loader the
 * agent does not see.
 */
final class LoadTimeWeaving {

  /** The weaver's agent class; {@code getInstrumentation()} throws unless it was started. */
  static final String AGENT = "org.aspectj.weaver.loadtime.Agent";

  private LoadTimeWeaving() {}

  /**
   * Whether the AspectJ weaver was started as a Java agent. Cheap: one class lookup in the system
   * class loader (where {@code -javaagent} puts the jar) and one static call. aspectjweaver on the
   * class path without {@code -javaagent} (common with Spring) is not the agent.
   */
  static boolean agentActive() {
    try {
      Class<?> agent = Class.forName(AGENT, false, ClassLoader.getSystemClassLoader());
      return agent.getMethod("getInstrumentation").invoke(null) != null;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException notStarted) {
      return false;
    }
  }

  /**
   * Whether {@code loader} defines {@code className} woven: {@link ClassFileWeaving.Verdict#UNKNOWN}
   * when the class cannot be loaded (then there is nothing reliable to report).
   */
  static ClassFileWeaving.Verdict ofLoaded(String className, ClassLoader loader) {
    try {
      Class<?> type = Class.forName(className, false, loader);
      for (Field field : type.getDeclaredFields()) {
        if (field.getName().startsWith("ajc$")) {
          return ClassFileWeaving.Verdict.WOVEN;
        }
      }
      for (Method method : type.getDeclaredMethods()) {
        String name = method.getName();
        if (name.startsWith("ajc$") || name.contains("_aroundBody")) {
          return ClassFileWeaving.Verdict.WOVEN;
        }
      }
      return ClassFileWeaving.Verdict.NOT_WOVEN;
    } catch (ClassNotFoundException | LinkageError | RuntimeException unloadable) {
      return ClassFileWeaving.Verdict.UNKNOWN;
    }
  }
}
