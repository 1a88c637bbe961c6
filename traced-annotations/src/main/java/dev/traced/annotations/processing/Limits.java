package dev.traced.annotations.processing;

import java.nio.charset.StandardCharsets;

/** Backend limits the rules enforce, and the byte arithmetic they need. */
final class Limits {

  /** Cloud Trace rejects span names and attribute keys longer than this many UTF-8 bytes. */
  static final int MAX_NAME_BYTES = 128;

  private Limits() {}

  static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  static boolean isBlank(String text) {
    return text.strip().isEmpty();
  }
}
