package dev.traced.bootstrap;

/**
 * A setting has a value Traced cannot use. The message is one line: the setting, where it came
 * from, the value, and what is allowed.
 *
 * <pre>{@code
 * [traced.sampler] system property traced.sampler="1.5" is not a sampler: use always, never, or
 * a probability from 0.0 to 1.0 such as 0.25.
 * }</pre>
 *
 * <p>It prints as that one line and nothing else: it has no stack trace, and {@link #toString()}
 * is the message alone. So the README's own {@code try (TracedBootstrap t =
 * TracedBootstrap.start())} in {@code main}, which lets it escape, shows the user exactly
 * {@code Exception in thread "main" [traced.sampler] ...}: where in Traced the value was read says
 * nothing the message does not.
 */
public final class SettingsException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with its one-line message. */
  public SettingsException(String message) {
    super(message);
  }

  /** Records no stack trace: the message is the whole story (see the class comment). */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  /** The one-line message alone, without the class name. */
  @Override
  public String toString() {
    return getMessage();
  }
}
