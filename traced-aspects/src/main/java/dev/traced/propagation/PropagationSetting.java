package dev.traced.propagation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Reads the {@value #NAME} setting: system property first, then the environment variable {@value
 * #VARIABLE}, as the library's other switches ({@code traced.context.propagation}).
 */
final class PropagationSetting {

  /** The setting: comma-separated format names, in extraction order. */
  static final String NAME = "traced.propagation";

  /** Environment variable read when the system property {@value #NAME} is not set. */
  static final String VARIABLE = "TRACED_PROPAGATION";

  /** Logged once for a bad value; args: where it came from, the value, the bad entry. */
  static final String BAD_VALUE =
      "[traced.propagation] %s=\"%s\" names no format \"%s\": list tracecontext, cloudtrace or b3,"
          + " comma-separated, in extraction order (all are injected); using tracecontext.";

  static final List<PropagationFormat> DEFAULT =
      Collections.singletonList(PropagationFormat.TRACECONTEXT);

  static final List<PropagationFormat> CONFIGURED = read();

  private PropagationSetting() {}

  private static List<PropagationFormat> read() {
    try {
      String source = "system property " + NAME;
      String value = System.getProperty(NAME);
      if (value == null) {
        source = "environment variable " + VARIABLE;
        value = System.getenv(VARIABLE);
      }
      return parse(source, value, Logger.getLogger("dev.traced.propagation")::warning);
    } catch (Throwable unreadable) {
      // A security manager or a broken log handler: the default, as without the setting.
      return DEFAULT;
    }
  }

  /**
   * The formats {@code value} names, without duplicates; {@link #DEFAULT} for {@code null}, and,
   * after one line to {@code warn}, for a value with an empty or unknown entry.
   */
  static List<PropagationFormat> parse(String source, String value, Consumer<String> warn) {
    if (value == null) {
      return DEFAULT;
    }
    List<PropagationFormat> formats = new ArrayList<>();
    for (String entry : value.split(",", -1)) {
      PropagationFormat format = named(entry.trim());
      if (format == null) {
        warn.accept(String.format(Locale.ROOT, BAD_VALUE, source, value, entry.trim()));
        return DEFAULT;
      }
      if (!formats.contains(format)) {
        formats.add(format);
      }
    }
    return Collections.unmodifiableList(formats);
  }

  private static PropagationFormat named(String name) {
    for (PropagationFormat format : PropagationFormat.values()) {
      if (format.settingName().equalsIgnoreCase(name)) {
        return format;
      }
    }
    return null;
  }
}
