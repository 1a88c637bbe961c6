package dev.traced.maven;

import java.util.List;

/** AspectJ reported errors while weaving; the message holds them, one line each. */
final class WeaveException extends Exception {

  private static final long serialVersionUID = 1L;

  WeaveException(List<String> errors) {
    super(String.join(System.lineSeparator(), errors));
  }
}
