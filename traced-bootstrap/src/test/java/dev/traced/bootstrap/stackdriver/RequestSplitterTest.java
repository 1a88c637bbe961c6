package dev.traced.bootstrap.stackdriver;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.devtools.cloudtrace.v2.BatchWriteSpansRequest;
import com.google.devtools.cloudtrace.v2.Span;
import com.google.devtools.cloudtrace.v2.TruncatableString;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Splitting a request at its byte limit: a request that fits goes as it is; otherwise every part
 * fits (unless a single span is larger than the limit: it goes alone), carries the project, and
 * the parts hold every span once, in order, as few parts as the per-span estimate allows.
 */
class RequestSplitterTest {

  /** Spans of one size (names of equal length): s00, s01, ... */
  private static BatchWriteSpansRequest request(int count) {
    BatchWriteSpansRequest.Builder request =
        BatchWriteSpansRequest.newBuilder().setName("projects/demo-project");
    for (int i = 0; i < count; i++) {
      request.addSpans(span(String.format("s%02d", i), 100));
    }
    return request.build();
  }

  private static Span span(String id, int displayNameLength) {
    return Span.newBuilder()
        .setName("projects/demo-project/traces/0123/spans/" + id)
        .setSpanId(id)
        .setDisplayName(TruncatableString.newBuilder().setValue("d".repeat(displayNameLength)))
        .build();
  }

  private static int header(BatchWriteSpansRequest request) {
    return request.toBuilder().clearSpans().build().getSerializedSize();
  }

  /** What the splitter counts per span: its bytes plus at most 6 bytes of tag and length. */
  private static int estimate(Span span) {
    return span.getSerializedSize() + 6;
  }

  private static List<Integer> partSizes(List<BatchWriteSpansRequest> parts) {
    List<Integer> sizes = new ArrayList<>();
    for (BatchWriteSpansRequest part : parts) {
      sizes.add(part.getSpansCount());
    }
    return sizes;
  }

  private static List<Span> spans(List<BatchWriteSpansRequest> parts) {
    List<Span> spans = new ArrayList<>();
    for (BatchWriteSpansRequest part : parts) {
      assertThat(part.getName()).isEqualTo("projects/demo-project");
      spans.addAll(part.getSpansList());
    }
    return spans;
  }

  @Test
  void requestOfExactlyTheLimitIsSentAsItIs() {
    BatchWriteSpansRequest request = request(7);

    assertThat(RequestSplitter.split(request, request.getSerializedSize()))
        .containsExactly(request);
  }

  @Test
  void requestOneByteOverTheLimitIsSplitIntoPartsThatFit() {
    BatchWriteSpansRequest request = request(7);
    int limit = request.getSerializedSize() - 1;

    List<BatchWriteSpansRequest> parts = RequestSplitter.split(request, limit);

    assertThat(parts).hasSize(2);
    assertThat(parts).allSatisfy(p -> assertThat(p.getSerializedSize()).isLessThanOrEqualTo(limit));
    assertThat(spans(parts)).isEqualTo(request.getSpansList());
  }

  @Test
  void eachPartTakesAsManySpansAsTheLimitAllows() {
    BatchWriteSpansRequest request = request(7);
    int limit = header(request) + 3 * estimate(request.getSpans(0));

    List<BatchWriteSpansRequest> parts = RequestSplitter.split(request, limit);

    assertThat(partSizes(parts)).containsExactly(3, 3, 1);
    assertThat(parts).allSatisfy(p -> assertThat(p.getSerializedSize()).isLessThanOrEqualTo(limit));
    assertThat(spans(parts)).isEqualTo(request.getSpansList());
  }

  @Test
  void oneByteLessAndAPartTakesOneSpanFewer() {
    BatchWriteSpansRequest request = request(7);
    int limit = header(request) + 3 * estimate(request.getSpans(0)) - 1;

    List<BatchWriteSpansRequest> parts = RequestSplitter.split(request, limit);

    assertThat(partSizes(parts)).containsExactly(2, 2, 2, 1);
    assertThat(spans(parts)).isEqualTo(request.getSpansList());
  }

  @Test
  void aSpanLargerThanTheLimitGoesAloneAndTheOthersStillShareParts() {
    Span huge = span("big", 5_000);
    BatchWriteSpansRequest.Builder builder =
        BatchWriteSpansRequest.newBuilder().setName("projects/demo-project").addSpans(huge);
    for (int i = 0; i < 4; i++) {
      builder.addSpans(span("s" + i, 100));
    }
    builder.addSpans(span("big2", 5_000));
    builder.addSpans(span("s4", 100));
    BatchWriteSpansRequest request = builder.build();
    int limit = header(request) + 2 * estimate(request.getSpans(1));

    List<BatchWriteSpansRequest> parts = RequestSplitter.split(request, limit);

    assertThat(partSizes(parts)).containsExactly(1, 2, 2, 1, 1);
    assertThat(spans(parts)).isEqualTo(request.getSpansList());
  }
}
