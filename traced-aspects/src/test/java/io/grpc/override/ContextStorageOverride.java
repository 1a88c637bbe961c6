package io.grpc.override;

import io.grpc.Context;

/**
 * The context storage of this module's test JVM, found by gRPC's {@link Context} under this exact
 * name: gRPC's own thread-local storage, plus faults a test can arm for the next attach (what
 * {@code Tracer.withSpan} does when the advice makes a span current) or the next detach (what
 * closing that scope does), so the advice's failure paths run against the real OpenCensus.
 */
public final class ContextStorageOverride extends Context.Storage {

  /** The message of an injected fault. */
  public static final String FAULT = "injected context fault";

  private static final ThreadLocal<Context> CURRENT = new ThreadLocal<>();
  private static final ThreadLocal<Boolean> FAIL_ATTACH = new ThreadLocal<>();
  private static final ThreadLocal<Boolean> FAIL_DETACH = new ThreadLocal<>();

  /** Makes this thread's next attach throw without attaching. */
  public static void failNextAttach() {
    FAIL_ATTACH.set(Boolean.TRUE);
  }

  /** Makes this thread's next detach restore the previous context, then throw. */
  public static void failNextDetach() {
    FAIL_DETACH.set(Boolean.TRUE);
  }

  /** Disarms this thread's faults that did not fire. */
  public static void disarm() {
    FAIL_ATTACH.remove();
    FAIL_DETACH.remove();
  }

  @Override
  public Context doAttach(Context toAttach) {
    if (FAIL_ATTACH.get() != null) {
      FAIL_ATTACH.remove();
      throw new IllegalStateException(FAULT);
    }
    Context previous = current();
    CURRENT.set(toAttach);
    return previous;
  }

  @Override
  public void detach(Context toDetach, Context toRestore) {
    CURRENT.set(toRestore == Context.ROOT ? null : toRestore);
    if (FAIL_DETACH.get() != null) {
      FAIL_DETACH.remove();
      throw new IllegalStateException(FAULT);
    }
  }

  @Override
  public Context current() {
    Context current = CURRENT.get();
    return current == null ? Context.ROOT : current;
  }
}
