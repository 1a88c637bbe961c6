package dev.traced.bootstrap;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a setting {@code traced.x.y} from the system property of that name, else from the
 * environment variable {@code TRACED_X_Y} (upper case, dots and dashes as underscores), and says
 * where a value came from, for error messages.
 */
final class SettingSource {

  /** A raw value and a description of where it was found. */
  record Raw(String key, String value, String origin) {

    /** The one-line error for this value: {@code [key] origin="value" problem}. */
    SettingsException invalid(String problem) {
      return new SettingsException(
          "[" + key + "] " + origin + "=\"" + printable(value) + "\" " + problem);
    }
  }

  /**
   * {@code value} with control and format characters (line breaks, ESC, bidi overrides) written as
   * {@code \}{@code uXXXX}: a message quoting a value must stay one line and show what was typed.
   */
  static String printable(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value
        .codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)
                  || Character.getType(c) == Character.FORMAT
                  || Character.getType(c) == Character.LINE_SEPARATOR
                  || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  private final Function<String, String> systemProperties;
  private final Function<String, String> environment;

  SettingSource(Function<String, String> systemProperties, Function<String, String> environment) {
    this.systemProperties = systemProperties;
    this.environment = environment;
  }

  /** The real system properties and environment. */
  static SettingSource ofSystem() {
    Map<String, String> env = System.getenv();
    return new SettingSource(System::getProperty, env::get);
  }

  /** The environment variable name of {@code key}: {@code traced.x-y.z} → {@code TRACED_X_Y_Z}. */
  static String environmentName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The value of {@code key}, if set to something other than blank. */
  Optional<Raw> get(String key) {
    String property = systemProperties.apply(key);
    if (property != null && !property.isBlank()) {
      return Optional.of(new Raw(key, property.trim(), "system property " + key));
    }
    String variable = environmentName(key);
    String value = environment.apply(variable);
    if (value != null && !value.isBlank()) {
      return Optional.of(new Raw(key, value.trim(), "environment variable " + variable));
    }
    return Optional.empty();
  }

  /** The value of an environment variable outside the {@code traced.} scheme. */
  Optional<Raw> getEnvironment(String key, String variable) {
    String value = environment.apply(variable);
    if (value != null && !value.isBlank()) {
      return Optional.of(new Raw(key, value.trim(), "environment variable " + variable));
    }
    return Optional.empty();
  }
}
