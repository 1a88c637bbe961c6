package dev.traced.aspects;

import dev.traced.annotations.Annotate;
import dev.traced.annotations.Attr;
import dev.traced.annotations.Attribute;
import java.util.List;

/**
 * Two methods with the same body: one {@code @Annotate} with constant and {@code @Attr}
 * attributes (woven), its twin without annotations (not woven). Comparing what calls to each
 * allocate shows what the woven advice itself allocates.
 */
class AllocationFixture {

  @Annotate(value = "typed", attributes = @Attribute(key = "use", value = "repl"))
  int annotated(
      @Attr("text") String text,
      @Attr("count") int count,
      @Attr("big") long big,
      @Attr("ratio") double ratio,
      @Attr("flag") boolean flag,
      @Attr("list") List<String> list) {
    return count + (flag ? 1 : 0);
  }

  int unwovenTwin(
      String text, int count, long big, double ratio, boolean flag, List<String> list) {
    return count + (flag ? 1 : 0);
  }

  @Annotate("plain")
  int annotatedWithoutAttributes(int count) {
    return count + 1;
  }

  int unwovenTwinWithoutAttributes(int count) {
    return count + 1;
  }
}
