package io.sluice.simulator;

import java.time.Duration;
import java.time.Instant;

/**
 * The simulator's notion of time. Every window, reset and latency inside the simulator reads
 * this clock, so a test can drive a whole simulated day without waiting for it.
 *
 * <p>{@link #scaled(double)} runs simulated time faster than real time (a scale of 60 makes a
 * simulated minute pass in a real second); {@link ManualSimClock} only moves when told to.
 */
public interface SimClock {

  /** The current simulated wall-clock time. */
  Instant now();

  /** Blocks the calling thread until {@code simulated} time has passed on this clock. */
  void sleep(Duration simulated) throws InterruptedException;

  /**
   * Blocks until the calling thread is interrupted, however time moves: for waits that end on a
   * real-world event, such as a client leaving. Never returns normally.
   */
  default void parkUntilInterrupted() throws InterruptedException {
    new java.util.concurrent.CountDownLatch(1).await();
    throw new AssertionError("unreachable");
  }

  /** Real time, one simulated second per real second. */
  static SimClock system() {
    return scaled(1.0);
  }

  /** Simulated time that passes {@code scale} times faster than real time, starting now. */
  static SimClock scaled(double scale) {
    return new ScaledSimClock(scale, Instant.now(), System.nanoTime());
  }

  /** Simulated time starting at {@code start} and passing {@code scale} times faster than real time. */
  static SimClock scaled(double scale, Instant start) {
    return new ScaledSimClock(scale, start, System.nanoTime());
  }
}
