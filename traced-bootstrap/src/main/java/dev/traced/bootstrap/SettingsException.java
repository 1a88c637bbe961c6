package dev.traced.bootstrap;

/**
 * A setting has a value Traced cannot use. The message is one line: the setting, where it came
 * from, the value, and what is allowed.
 *
 * <pre>{@code
 * [traced.sampler] system property traced.sampler="1.5" is not a sampler: use always, never, or
 * a probability from 0.0 to 1.0 such as 0.25.
 * }</pre>
 */
public final class SettingsException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with its one-line message. */
  public SettingsException(String message) {
    super(message);
  }
}
