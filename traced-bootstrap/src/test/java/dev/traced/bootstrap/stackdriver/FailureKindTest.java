package dev.traced.bootstrap.stackdriver;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.gax.grpc.GrpcStatusCode;
import com.google.api.gax.rpc.ApiExceptionFactory;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How each failed export call is counted: retried, lost, or unknown (may have been stored). A
 * quota {@code RESOURCE_EXHAUSTED} is retried; the client refusing a too-large answer (also
 * {@code RESOURCE_EXHAUSTED}, said in a cause's message) means the batch was processed.
 */
class FailureKindTest {

  @ParameterizedTest(name = "{0} \"{1}\" -> {2}")
  @CsvSource({
    "UNAVAILABLE, down, RETRY",
    "RESOURCE_EXHAUSTED, quota exceeded, RETRY",
    "RESOURCE_EXHAUSTED, message of 5000000 bytes exceeds maximum size 4194304, UNKNOWN",
    "DEADLINE_EXCEEDED, too slow, UNKNOWN",
    "INVALID_ARGUMENT, bad span, LOST",
    "PERMISSION_DENIED, no role, LOST",
    "UNAUTHENTICATED, no credentials, LOST",
    "INTERNAL, oops, LOST",
  })
  void eachStatusIsCountedAsItsKind(Status.Code code, String message, FailureKind kind) {
    // The message sits in the cause, as gRPC reports it.
    RuntimeException cause = new RuntimeException(new IllegalStateException(message));
    RuntimeException failure =
        ApiExceptionFactory.createException(cause, GrpcStatusCode.of(code), false);
    assertThat(FailureKind.of(failure)).isEqualTo(kind);
  }

  @ParameterizedTest
  @CsvSource({"io failure"})
  void anythingButAnApiExceptionIsLost(String message) {
    assertThat(FailureKind.of(new IllegalStateException(message))).isEqualTo(FailureKind.LOST);
  }

  @Test
  void aQuotaErrorWhoseCausesSayNothingIsRetried() {
    RuntimeException failure =
        ApiExceptionFactory.createException(
            new RuntimeException(new IllegalStateException()),
            GrpcStatusCode.of(Status.Code.RESOURCE_EXHAUSTED),
            false);
    assertThat(FailureKind.of(failure)).isEqualTo(FailureKind.RETRY);
  }
}
