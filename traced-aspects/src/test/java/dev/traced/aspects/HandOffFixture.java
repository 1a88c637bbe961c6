package dev.traced.aspects;

import dev.traced.annotations.Attr;
import dev.traced.annotations.Traced;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Traced methods that hand work to other threads, each task calling a traced method; woven by
 * this module's ajc test-compile (the hand-off call sites are in this class).
 */
class HandOffFixture {

  @Traced(name = "task")
  int task() {
    return 1;
  }

  @Traced(name = "task")
  int task(@Attr("n") int n) {
    return n;
  }

  @Traced(name = "submit")
  int submit(ExecutorService pool) throws Exception {
    return pool.submit(() -> task()).get();
  }

  @Traced(name = "execute")
  void execute(Executor executor, Runnable task) {
    executor.execute(task);
  }

  @Traced(name = "submitRunnable")
  void submitRunnable(ExecutorService pool) throws Exception {
    pool.submit((Runnable) this::task).get();
    pool.submit(this::task, "done").get();
  }

  @Traced(name = "invokeAll")
  int invokeAll(ExecutorService pool) throws Exception {
    List<Callable<Integer>> tasks = List.of(() -> task(1), () -> task(2));
    int sum = 0;
    for (Future<Integer> done : pool.invokeAll(tasks)) {
      sum += done.get();
    }
    List<Callable<Integer>> any = List.of(() -> task(3));
    return sum + pool.invokeAny(any);
  }

  @Traced(name = "schedule")
  int schedule(ScheduledExecutorService pool) throws Exception {
    pool.schedule((Runnable) this::task, 1, TimeUnit.MILLISECONDS).get();
    return pool.schedule(() -> task(2), 1, TimeUnit.MILLISECONDS).get();
  }

  /** One hand-off of the many-threads test: the task records what it finds on the pool thread. */
  @Traced(name = "handOff")
  int handOff(ExecutorService pool, @Attr("n") int n) throws Exception {
    return pool.submit(() -> task(n)).get();
  }

  @Traced(name = "chain")
  int chain(Executor pool) {
    return CompletableFuture.supplyAsync(() -> task(1), pool)
        .thenApplyAsync(one -> one + task(2), pool)
        .thenComposeAsync(three -> CompletableFuture.completedFuture(three + task(3)), pool)
        .thenCombineAsync(CompletableFuture.completedFuture(0), (six, zero) -> six + task(4), pool)
        .join();
  }

  /** The consumer and bi-function stages, each step joined so that the tasks run in order. */
  @Traced(name = "moreStages")
  int moreStages(Executor pool) {
    CompletableFuture<Integer> one = CompletableFuture.completedFuture(1);
    AtomicInteger sum = new AtomicInteger();
    one.thenAcceptAsync(v -> sum.addAndGet(task(1)), pool).join();
    one.acceptEitherAsync(one, v -> sum.addAndGet(task(2)), pool).join();
    sum.addAndGet(one.handleAsync((v, failure) -> task(3), pool).join());
    one.whenCompleteAsync((v, failure) -> sum.addAndGet(task(4)), pool).join();
    one.thenAcceptBothAsync(one, (a, b) -> sum.addAndGet(task(5)), pool).join();
    sum.addAndGet(one.applyToEitherAsync(one, v -> task(6), pool).join());
    return sum.get();
  }

  @Traced(name = "chainOnCommonPool")
  int chainOnCommonPool() {
    CompletableFuture<Void> ran = CompletableFuture.runAsync(() -> task(1));
    return ran.thenApplyAsync(nothing -> task(2)).join();
  }

  @Traced(name = "newThread")
  void newThread() throws InterruptedException {
    Thread plain = new Thread(() -> task(1));
    plain.start();
    plain.join();
    Thread grouped = new Thread(Thread.currentThread().getThreadGroup(), () -> task(2), "grouped");
    grouped.start();
    grouped.join();
  }

  @Traced(name = "parallel")
  int parallel(int size) {
    Thread caller = Thread.currentThread();
    return IntStream.range(0, size)
        .parallel()
        .map(i -> task(Thread.currentThread() == caller ? 1 : 0))
        .sum();
  }

  /** A default method handing off: call join points inside an interface must weave and load. */
  interface Dispatcher {
    @Traced(name = "dispatch")
    default int dispatch(ExecutorService pool, HandOffFixture fixture) throws Exception {
      return pool.submit(() -> fixture.task()).get();
    }
  }
}
