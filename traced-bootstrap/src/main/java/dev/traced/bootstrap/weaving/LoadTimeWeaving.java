package dev.traced.bootstrap.weaving;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

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

  /** The weaver's agent class, as named in its jar's manifest. */
  static final String AGENT = "org.aspectj.weaver.loadtime.Agent";

  private static final String JAVAAGENT = "-javaagent:";

  private LoadTimeWeaving() {}

  /**
   * Whether the AspectJ weaver was started as a Java agent: a {@code -javaagent:} argument of this
   * JVM names a jar whose manifest's {@code Premain-Class} is AspectJ's agent (whatever the jar is
   * called). The agent class itself is not touched: initialising it starts a weaver (and on JDK 24+
   * makes the JVM print warnings), and aspectjweaver on the class path without {@code -javaagent}
   * (common with Spring) is not the agent.
   */
  static boolean agentActive() {
    try {
      return agentActive(ManagementFactory.getRuntimeMXBean().getInputArguments());
    } catch (LinkageError | RuntimeException noManagement) {
      // A run time without java.management: say what is known without the agent.
      return false;
    }
  }

  /** Whether one of these JVM arguments starts AspectJ's agent; see {@link #agentActive()}. */
  static boolean agentActive(List<String> jvmArguments) {
    for (String argument : jvmArguments) {
      if (argument.startsWith(JAVAAGENT) && isAspectJAgent(agentJar(argument))) {
        return true;
      }
    }
    return false;
  }

  /** The jar of {@code -javaagent:jar[=options]}. */
  private static String agentJar(String argument) {
    String jar = argument.substring(JAVAAGENT.length());
    int options = jar.indexOf('=');
    return options < 0 ? jar : jar.substring(0, options);
  }

  private static boolean isAspectJAgent(String jar) {
    try (JarFile file = new JarFile(jar)) {
      Manifest manifest = file.getManifest();
      return manifest != null
          && AGENT.equals(manifest.getMainAttributes().getValue("Premain-Class"));
    } catch (IOException | RuntimeException unreadable) {
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
