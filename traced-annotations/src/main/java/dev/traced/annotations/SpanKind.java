package dev.traced.annotations;

/**
 * The role of a span in a remote call, as {@link Traced#kind()}: mirrors OpenCensus'
 * {@code Span.Kind}, plus {@link #UNSPECIFIED} for spans that are not one side of a remote call.
 * Kept in this module so the annotations need no OpenCensus dependency.
 */
public enum SpanKind {
  /** Not one side of a remote call (the default); exported without a kind. */
  UNSPECIFIED,
  /** The server side of a remote call: handles a request that came from another process. */
  SERVER,
  /** The client side of a remote call: sends a request to another process. */
  CLIENT
}
