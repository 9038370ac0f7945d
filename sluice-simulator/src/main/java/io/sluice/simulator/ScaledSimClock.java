package io.sluice.simulator;

import java.time.Duration;
import java.time.Instant;

/** Simulated time derived from the JVM's monotonic clock, multiplied by a fixed scale. */
final class ScaledSimClock implements SimClock {

  private final double scale;
  private final Instant origin;
  private final long originNanos;

  ScaledSimClock(double scale, Instant origin, long originNanos) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("time scale must be a positive number, was " + scale);
    }
    this.scale = scale;
    this.origin = origin;
    this.originNanos = originNanos;
  }

  @Override
  public Instant now() {
    long realElapsed = System.nanoTime() - originNanos;
    return origin.plusNanos((long) (realElapsed * scale));
  }

  @Override
  public void sleep(Duration simulated) throws InterruptedException {
    // In doubles: toNanos() overflows for delays beyond 292 years; the cast saturates instead.
    double realNanos = (simulated.getSeconds() * 1e9 + simulated.getNano()) / scale;
    if (realNanos >= 1) {
      Thread.sleep(Duration.ofNanos((long) realNanos));
    }
  }

  @Override
  public String toString() {
    return "ScaledSimClock[x" + scale + "]";
  }
}
