package io.sluice.gateway;

import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's source of time for its network timeouts: connect, first byte, idle gap, total,
 * and the client-side ones. Production uses {@link #system()}, which schedules on Netty's event
 * loops; tests pass a manual implementation and move time by hand, so no test waits for a timer.
 */
public interface Timers {

  /** A monotonic time in nanoseconds, like {@link System#nanoTime()}. */
  long nanoTime();

  /** Runs {@code task} on {@code executor} once {@code delay} has passed. */
  Cancellable schedule(EventExecutor executor, Duration delay, Runnable task);

  /** A scheduled task; cancelling one that has already run does nothing. */
  interface Cancellable {
    void cancel();
  }

  /** Real time, scheduled on the event loop that owns the work. */
  static Timers system() {
    return SystemTimers.INSTANCE;
  }
}

enum SystemTimers implements Timers {
  INSTANCE;

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Cancellable schedule(EventExecutor executor, Duration delay, Runnable task) {
    var future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }
}
