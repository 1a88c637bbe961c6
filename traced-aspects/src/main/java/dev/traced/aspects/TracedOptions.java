package dev.traced.aspects;

import dev.traced.annotations.Traced;

/**
 * The per-method options of {@link Traced @Traced} that change what a span records beyond its
 * name and kind: expected exceptions, the result's attribute key, and whether it starts a new
 * trace. Read once per method; {@link #NONE} for methods with no {@code @Traced} in effect.
 */
final class TracedOptions {

  /** No expected exceptions, no result recorded, joins the current trace. */
  static final TracedOptions NONE = new TracedOptions(new Class<?>[0], null, false);

  private final Class<?>[] expected;
  private final String resultKey;
  private final boolean newTrace;

  private TracedOptions(Class<?>[] expected, String resultKey, boolean newTrace) {
    this.expected = expected;
    this.resultKey = resultKey;
    this.newTrace = newTrace;
  }

  /** The options of {@code traced}; {@link #NONE} when it is {@code null}. */
  static TracedOptions of(Traced traced) {
    if (traced == null) {
      return NONE;
    }
    String key = traced.recordResult();
    return new TracedOptions(
        traced.expected().clone(), key.isEmpty() ? null : key, traced.newTrace());
  }

  /** Whether {@code exception} is of an expected type or a subtype: it leaves the status OK. */
  boolean isExpected(Throwable exception) {
    for (Class<?> type : expected) {
      if (type.isInstance(exception)) {
        return true;
      }
    }
    return false;
  }

  /** The attribute key of the return value, or {@code null} when it is not recorded. */
  String resultKey() {
    return resultKey;
  }

  /** Whether the method's spans start a new trace, linked to the current span. */
  boolean newTrace() {
    return newTrace;
  }
}
