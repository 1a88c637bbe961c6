package com.example;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Hands work to a pool; no Traced annotations here, yet the span current at the hand-off follows. */
public final class Worker {

  private Worker() {}

  /** Runs {@code task} on a pool thread and waits for its result. */
  public static <T> T onPool(Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      return pool.submit(task).get();
    } finally {
      pool.shutdown();
    }
  }
}
