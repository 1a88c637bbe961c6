package dev.traced.bootstrap;

import dev.traced.propagation.PropagationFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Checks, at start, the two settings that the aspect library reads for itself: {@value
 * #PROPAGATION} (header formats) and {@value #CONTEXT_PROPAGATION} (context carrying across
 * threads).
 *
 * <p>The library reads them lazily, on the first request or hand-off, and cannot fail a program
 * over a typo there, so it logs a warning and falls back. That warning comes long after start and
 * is easy to miss. An application that starts Traced gets the same one-line error as for every
 * other setting, before any span is made.
 */
final class LibrarySwitches {

  /** The library's header formats setting (TracedHeaders, {@code @RemoteParent}). */
  static final String PROPAGATION = "traced.propagation";

  /** The library's switch for carrying the context into executors and threads. */
  static final String CONTEXT_PROPAGATION = "traced.context.propagation";

  static final String FORMATS =
      Arrays.stream(PropagationFormat.values())
          .map(PropagationFormat::settingName)
          .collect(Collectors.joining(", "));

  static final String NOT_A_FORMAT =
      "names no format \"%s\": list " + FORMATS + ", comma-separated, in extraction order (all"
          + " are injected)";

  static final String NOT_A_SWITCH =
      "is not true or false: set it to false to switch context carrying off, or remove it";

  private LibrarySwitches() {}

  /** Throws {@link SettingsException} for the first of the two settings the library cannot use. */
  static void check(SettingSource source) {
    source.get(PROPAGATION).ifPresent(LibrarySwitches::checkFormats);
    source.get(CONTEXT_PROPAGATION).ifPresent(raw -> {
      if (!raw.value().equalsIgnoreCase("true") && !raw.value().equalsIgnoreCase("false")) {
        throw raw.invalid(NOT_A_SWITCH);
      }
    });
  }

  // As the library parses it (PropagationSetting): entries trimmed, any case, repeats allowed.
  private static void checkFormats(SettingSource.Raw raw) {
    for (String entry : raw.value().split(",", -1)) {
      String name = entry.trim();
      if (Arrays.stream(PropagationFormat.values())
          .noneMatch(format -> format.settingName().equals(name.toLowerCase(Locale.ROOT)))) {
        throw raw.invalid(String.format(Locale.ROOT, NOT_A_FORMAT, name));
      }
    }
  }
}
