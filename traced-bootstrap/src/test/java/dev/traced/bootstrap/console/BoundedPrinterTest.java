package dev.traced.bootstrap.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Output that a blocked stream can delay only up to a deadline. */
class BoundedPrinterTest {

  /** A stream whose writes block until released, as a pipe nobody reads. */
  private static final class BlockedStream extends OutputStream {
    final CountDownLatch release = new CountDownLatch(1);
    final ByteArrayOutputStream written = new ByteArrayOutputStream();

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      written.write(b, off, len);
    }
  }

  @Test
  void textsAreWrittenWholeAndInOrder() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BoundedPrinter printer = BoundedPrinter.start(new PrintStream(out, false, StandardCharsets.UTF_8));
    for (int i = 0; i < 3 * BoundedPrinter.CAPACITY; i++) {
      printer.print("text " + i + "\n");
    }

    assertThat(printer.awaitPrinted(System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isTrue();
    printer.close();

    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(3 * BoundedPrinter.CAPACITY);
    for (int i = 0; i < lines.length; i++) {
      assertThat(lines[i]).isEqualTo("text " + i);
    }
  }

  @Test
  void aFullPrinterOnABlockedStreamHoldsNoCallerPastTheDeadlineEvenInterrupted() {
    BlockedStream stream = new BlockedStream();
    BoundedPrinter printer =
        BoundedPrinter.start(new PrintStream(stream, true, StandardCharsets.UTF_8));
    try {
      // One text stuck in the write, CAPACITY waiting: the printer is full.
      for (int i = 0; i <= BoundedPrinter.CAPACITY; i++) {
        printer.print("x");
      }
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
      printer.finishBy(deadline);

      Thread.currentThread().interrupt();
      printer.print("dropped"); // waits for room until the deadline, then gives up
      boolean allPrinted = printer.awaitPrinted(deadline);
      long late = System.nanoTime() - deadline;

      assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
      assertThat(allPrinted).isFalse();
      assertThat(late).isBetween(0L, Duration.ofMillis(500).toNanos());
    } finally {
      printer.close();
      stream.release.countDown();
    }
  }

  @Test
  void aFullPrinterMakesTheCallerWaitForRoomRatherThanDropOrOverfill() throws InterruptedException {
    callerWaitsForRoomThenTheTextIsWritten(false);
  }

  @Test
  void beforeTheDeadlineAFullPrinterStillMakesTheCallerWaitRatherThanDrop()
      throws InterruptedException {
    callerWaitsForRoomThenTheTextIsWritten(true);
  }

  private static void callerWaitsForRoomThenTheTextIsWritten(boolean deadlineSet)
      throws InterruptedException {
    BlockedStream stream = new BlockedStream();
    BoundedPrinter printer =
        BoundedPrinter.start(new PrintStream(stream, true, StandardCharsets.UTF_8));
    try {
      // One text stuck in the write, CAPACITY waiting: the printer is full.
      for (int i = 0; i <= BoundedPrinter.CAPACITY; i++) {
        printer.print("x");
      }
      if (deadlineSet) {
        printer.finishBy(System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
      }
      Thread caller = new Thread(() -> printer.print("last"), "caller");
      caller.start();
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (caller.getState() != Thread.State.WAITING
          && caller.getState() != Thread.State.TIMED_WAITING) {
        assertThat(caller.getState()).as("the caller waits for room").isNotEqualTo(Thread.State.TERMINATED);
        assertThat(System.nanoTime()).as("the caller never waited").isLessThan(giveUp);
        Thread.onSpinWait();
      }

      stream.release.countDown();
      caller.join(10_000);

      assertThat(printer.awaitPrinted(System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isTrue();
      assertThat(stream.written.toString(StandardCharsets.UTF_8))
          .isEqualTo("x".repeat(BoundedPrinter.CAPACITY + 1) + "last");
    } finally {
      stream.release.countDown();
      printer.close();
    }
  }

  @Test
  void awaitingWithNothingHandedOverIsInTimeEvenPastTheDeadline() {
    BoundedPrinter printer = BoundedPrinter.start(new PrintStream(new ByteArrayOutputStream()));
    try {
      assertThat(printer.awaitPrinted(System.nanoTime() - 1)).isTrue();
    } finally {
      printer.close();
    }
  }
}
