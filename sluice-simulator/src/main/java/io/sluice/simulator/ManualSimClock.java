package io.sluice.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A simulator clock that moves only when {@link #advance(Duration) advanced}. Threads that
 * {@link #sleep(Duration) sleep} on it wake when time reaches their deadline, so a test can
 * hold a response at "slow first token" and release it deterministically, without real waits.
 *
 * <p>With {@link #autoAdvance(boolean) auto-advance} on, a sleep instead moves the clock by its
 * own length and returns at once: latencies pass instantly but still show in simulated time,
 * for tests that do not study latency.
 */
public final class ManualSimClock implements SimClock {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition moved = lock.newCondition();
  private Instant now;
  private int sleepers;
  private volatile boolean autoAdvance;

  public ManualSimClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant now() {
    lock.lock();
    try {
      return now;
    } finally {
      lock.unlock();
    }
  }

  /** Moves time forward and wakes every sleeper whose deadline has come. */
  public void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("time only moves forward, was asked to move by " + by);
    }
    lock.lock();
    try {
      now = now.plus(by);
      moved.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Turns auto-advance on or off; returns this clock. */
  public ManualSimClock autoAdvance(boolean on) {
    this.autoAdvance = on;
    return this;
  }

  @Override
  public void sleep(Duration simulated) throws InterruptedException {
    if (!simulated.isPositive()) {
      return;
    }
    if (autoAdvance) {
      advance(simulated);
      return;
    }
    lock.lock();
    try {
      Instant deadline = now.plus(simulated);
      sleepers++;
      moved.signalAll();
      try {
        while (now.isBefore(deadline)) {
          moved.await();
        }
      } finally {
        sleepers--;
        moved.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Counts as a sleeper, so tests see the thread parked, but no advance releases it. */
  @Override
  public void parkUntilInterrupted() throws InterruptedException {
    lock.lock();
    try {
      sleepers++;
      moved.signalAll();
      try {
        while (true) {
          moved.await();
        }
      } finally {
        sleepers--;
        moved.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** How many threads are sleeping on this clock right now. */
  public int sleepers() {
    lock.lock();
    try {
      return sleepers;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits (in real time, at most {@code timeout}) until at least {@code count} threads sleep on
   * this clock. Tests use it to know a response is parked before they advance time.
   *
   * @return whether that many sleepers arrived in time
   */
  public boolean awaitSleepers(int count, Duration timeout) throws InterruptedException {
    long remaining = timeout.toNanos();
    lock.lock();
    try {
      while (sleepers < count) {
        if (remaining <= 0) {
          return false;
        }
        remaining = moved.awaitNanos(remaining);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "ManualSimClock[" + now() + "]";
  }

}
