package dev.traced.bootstrap.console;

import com.google.common.util.concurrent.Uninterruptibles;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes text to a stream on a daemon thread of its own, so that a stream that blocks (stderr
 * redirected to a pipe nobody reads) costs its callers at most a deadline, never their exit.
 *
 * <pre>{@code
 * BoundedPrinter printer = BoundedPrinter.start(System.err);
 * printer.println("[traced] zPages: http://127.0.0.1:8888/tracez");   // returns at once
 * ...
 * printer.finishBy(deadline);          // from now on no caller waits past the deadline
 * printer.awaitPrinted(deadline);      // everything handed over is written, or the deadline passed
 * printer.close();
 * }</pre>
 *
 * <p>Texts are written whole and in the order they were handed over. At most {@value #CAPACITY}
 * texts wait; while that many wait, {@link #print} waits too (a slow stream slows the exporter
 * down, as a direct write would), but never past the deadline set by {@link #finishBy}: past it,
 * a text that does not fit is dropped. Every wait keeps waiting through interrupts and restores
 * the interrupt flag afterwards. After {@link #close()} the thread writes what is left and ends;
 * later texts are dropped.
 */
public final class BoundedPrinter implements AutoCloseable {

  /** How many texts may wait to be written. */
  public static final int CAPACITY = 1_024;

  private final PrintStream out;
  private final ReentrantLock lock = new ReentrantLock();
  // One condition for every change (text handed over, taken, written; deadline; close): few
  // waiters, so waking them all is simpler than keeping the reasons apart.
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<String> pending = new ArrayDeque<>();
  private long handedOver;
  private long written;
  private long finishBy;
  private boolean finishing;
  private boolean closed;

  private BoundedPrinter(PrintStream out) {
    this.out = out;
  }

  /** Starts the writing thread ({@code traced-output}, a daemon) for {@code out}. */
  public static BoundedPrinter start(PrintStream out) {
    BoundedPrinter printer = new BoundedPrinter(out);
    Thread writer = new Thread(printer::writeUntilClosed, "traced-output");
    writer.setDaemon(true);
    writer.start();
    return printer;
  }

  /** Hands {@code line} and a line separator over; see {@link #print}. */
  public void println(String line) {
    print(line + System.lineSeparator());
  }

  /**
   * Hands {@code text} over for writing, waiting while {@value #CAPACITY} texts wait, but not past
   * the {@link #finishBy} deadline; dropped if that passes or the printer is closed.
   */
  public void print(String text) {
    lock.lock();
    try {
      while (!closed && pending.size() >= CAPACITY) {
        if (!finishing) {
          changed.awaitUninterruptibly();
        } else {
          long left = finishBy - System.nanoTime();
          if (left <= 0) {
            return;
          }
          Uninterruptibles.awaitUninterruptibly(changed, left, TimeUnit.NANOSECONDS);
        }
      }
      if (closed) {
        return;
      }
      pending.add(text);
      handedOver++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** From now on, no {@link #print} waits past {@code deadlineNanos} (a System.nanoTime()). */
  public void finishBy(long deadlineNanos) {
    lock.lock();
    try {
      finishing = true;
      finishBy = deadlineNanos;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until every text handed over before this call is written, or until {@code
   * deadlineNanos} (a System.nanoTime()).
   *
   * @return whether everything was written in time
   */
  public boolean awaitPrinted(long deadlineNanos) {
    lock.lock();
    try {
      long target = handedOver;
      while (written < target) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        Uninterruptibles.awaitUninterruptibly(changed, left, TimeUnit.NANOSECONDS);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Takes no more texts; the thread writes what is waiting (if the stream lets it), then ends. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void writeUntilClosed() {
    while (true) {
      String text;
      lock.lock();
      try {
        while (pending.isEmpty()) {
          if (closed) {
            return;
          }
          changed.awaitUninterruptibly();
        }
        text = pending.poll();
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      try {
        // One write per text: traces from concurrent exports never interleave line by line.
        out.print(text);
        out.flush();
      } catch (RuntimeException brokenStream) {
        // A PrintStream reports I/O errors through checkError(); anything else must not end
        // the thread, or every later text would wait for nothing.
      } finally {
        lock.lock();
        try {
          written++;
          changed.signalAll();
        } finally {
          lock.unlock();
        }
      }
    }
  }
}
