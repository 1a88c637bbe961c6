package dev.traced.aspects;

import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.Traced;

/** Traced methods that record one @Attr argument, each of a different advice shape; woven by ajc. */
class HostileFixture {

  /** The argument becomes a span attribute (bound with args(..)). */
  @Traced
  String traced(@Attr("value") Object value) {
    return child();
  }

  /** The argument goes on the method's own annotation. */
  @Traced
  @Annotate("annotated")
  String tracedAndAnnotated(@Attr("value") Object value) {
    return child();
  }

  /** More than four parameters: the argument arrives through the join point. */
  @Traced
  String fiveParameters(@Attr("value") Object value, int b, int c, int d, int e) {
    return child();
  }

  /** The argument goes on the caller's span's annotation. */
  @Annotate("annotated only")
  String annotatedOnly(@Attr("value") Object value) {
    return child();
  }

  @Traced
  String child() {
    return "child";
  }
}
