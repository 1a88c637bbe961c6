package dev.traced.aspects;

import dev.traced.annotations.Attr;
import dev.traced.annotations.Traced;

/** A parent with two children, each tagged with the calling thread and call number. */
class ConcurrencyFixture {

  @Traced(name = "parent")
  int parent(@Attr("thread") int thread, @Attr("call") int call) {
    return child(thread, call) + child(thread, call);
  }

  @Traced(name = "child")
  int child(@Attr("thread") int thread, @Attr("call") int call) {
    return thread + call;
  }
}
