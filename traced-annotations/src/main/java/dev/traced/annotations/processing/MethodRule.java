package dev.traced.annotations.processing;

/** One family of checks on a method carrying {@code @Traced} and/or {@code @Annotate}. */
interface MethodRule {

  /** Reports every violation of this rule on {@code method}; never throws for user code. */
  void check(AnnotatedMethod method);
}
