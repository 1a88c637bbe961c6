package dev.traced.bootstrap.stackdriver;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;

/**
 * What a failed Cloud Trace call means for its spans: worth another attempt, certainly not
 * stored, or perhaps stored.
 *
 * <p>Only failures that prove the backend did not take the batch are retried: re-sending a batch
 * that may have arrived stores its spans twice and makes every count a guess.
 */
enum FailureKind {
  /** {@code UNAVAILABLE}, or {@code RESOURCE_EXHAUSTED} from the backend's quota: try again. */
  RETRY,
  /** Refused ({@code INVALID_ARGUMENT}, {@code PERMISSION_DENIED}, ...): not stored. */
  LOST,
  /**
   * {@code DEADLINE_EXCEEDED}, or an answer larger than the client accepts: the backend may have
   * stored the batch, so it is neither re-sent nor counted lost.
   */
  UNKNOWN;

  /** gRPC's own words when a message exceeds the receiver's size limit. */
  static final String MESSAGE_TOO_LARGE = "exceeds maximum size";

  static FailureKind of(RuntimeException failure) {
    if (!(failure instanceof ApiException api)) {
      return LOST;
    }
    StatusCode.Code code = api.getStatusCode().getCode();
    switch (code) {
      case UNAVAILABLE:
        return RETRY;
      case DEADLINE_EXCEEDED:
        return UNKNOWN;
      case RESOURCE_EXHAUSTED:
        // The client refusing the backend's answer (it was too large) says the request was
        // processed; a quota error from the backend says it was not.
        return messageTooLarge(api) ? UNKNOWN : RETRY;
      default:
        return LOST;
    }
  }

  private static boolean messageTooLarge(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(MESSAGE_TOO_LARGE)) {
        return true;
      }
    }
    return false;
  }
}
