package dev.traced.annotations.processing;

import java.util.Map;

/**
 * Whether the build keeps parameter names ({@code -parameters}), as the user declares it with the
 * processor option {@code -Atraced.parameters=true|false}.
 *
 * <p>Why an option and not detection: javac exposes no compiler flag to processors, its internal
 * {@code Options} are not exported from {@code jdk.compiler} on JDK 17+, and source-level elements
 * carry real parameter names either way. In the recommended build the processor even runs in a
 * {@code -proc:only} javac while ajc compiles the bytecode, so javac's own flag would not be the
 * answer. When the option is absent the processor says that it cannot tell, rather than guess.
 */
enum ParameterNames {
  /** The build compiles with {@code -parameters}: derived keys work. */
  KEPT,
  /** The build compiles without {@code -parameters}: derived keys would be {@code argN}. */
  DROPPED,
  /** Not declared: the processor cannot know. */
  UNKNOWN;

  /** The processor option that declares it. */
  static final String OPTION = "traced.parameters";

  /** Reads the option; a value other than true or false is {@link #UNKNOWN} (and reported). */
  static ParameterNames from(Map<String, String> options) {
    String value = options.get(OPTION);
    if ("true".equalsIgnoreCase(value)) {
      return KEPT;
    }
    if ("false".equalsIgnoreCase(value)) {
      return DROPPED;
    }
    return UNKNOWN;
  }

  /** Whether {@code options} hold a value for the option that is neither true nor false. */
  static boolean isMalformed(Map<String, String> options) {
    String value = options.get(OPTION);
    return value != null && from(options) == UNKNOWN;
  }
}
