package io.sluice.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A monotonic nanosecond source that moves only when told to. Thread-safe. Pass
 * {@code ticker::nanoTime} wherever code takes a ticker.
 */
public final class FakeTicker {

  private final AtomicLong nanos = new AtomicLong();

  public long nanoTime() {
    return nanos.get();
  }

  public FakeTicker advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("a ticker only moves forward, was asked to move by " + by);
    }
    nanos.addAndGet(by.toNanos());
    return this;
  }
}
