package io.sluice.app.simulated;

import io.netty.util.concurrent.EventExecutor;
import io.sluice.gateway.Timers;
import io.sluice.simulator.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

/**
 * The simulator's time, for a gateway placed in front of it: a scenario's {@code time-scale}
 * speeds up its latencies and its limits' windows, so the gateway's waits and timeouts must run
 * at the same speed, or its pacing would be that many times too cautious.
 */
public final class SimulatedTime implements Timers, InstantSource {

  private final SimClock clock;
  private final double scale;
  private final Instant origin;

  /**
   * @param clock the simulator's clock
   * @param scale its simulated seconds per real second, which the gateway's timers divide waits by
   */
  public SimulatedTime(SimClock clock, double scale) {
    this.clock = clock;
    this.scale = scale;
    this.origin = clock.now();
  }

  @Override
  public Instant instant() {
    return clock.now();
  }

  @Override
  public long nanoTime() {
    Duration elapsed = Duration.between(origin, clock.now());
    return elapsed.toNanos();
  }

  @Override
  public Cancellable schedule(EventExecutor executor, Duration delay, Runnable task) {
    long realNanos = (long) Math.ceil(delay.toNanos() / scale);
    var future = executor.schedule(task, realNanos, TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }
}
