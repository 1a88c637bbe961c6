package dev.traced.maven;

import java.util.List;

/** AspectJ reported errors while weaving; {@link #errors()} holds them, one line each. */
final class WeaveException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<String> errors;

  WeaveException(List<String> errors) {
    super(String.join(System.lineSeparator(), errors));
    this.errors = List.copyOf(errors);
  }

  /** The weaver's error lines. */
  List<String> errors() {
    return errors;
  }
}
