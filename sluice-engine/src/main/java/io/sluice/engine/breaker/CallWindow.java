package io.sluice.engine.breaker;

import java.time.Duration;
import java.time.Instant;

/**
 * The latest calls' results, oldest first, in a ring of fixed capacity: a time-based window whose
 * memory does not grow with traffic. Beyond capacity the oldest result goes, so at high volume
 * the rate is that of the latest {@code capacity} calls of the window. Not thread-safe.
 */
final class CallWindow {

  private final Instant[] times;
  private final boolean[] failed;
  private int head;
  private int size;
  private int failures;
  private int failuresInARow;

  CallWindow(int capacity) {
    this.times = new Instant[capacity];
    this.failed = new boolean[capacity];
  }

  void add(Instant at, boolean failure) {
    if (size == times.length) {
      dropOldest();
    }
    int slot = (head + size) % times.length;
    times[slot] = at;
    failed[slot] = failure;
    size++;
    if (failure) {
      failures++;
    }
    failuresInARow = failure ? failuresInARow + 1 : 0;
  }

  /** Drops the calls that are not after {@code now - window}. */
  void evict(Instant now, Duration window) {
    Instant horizon = now.minus(window);
    while (size > 0 && !times[head].isAfter(horizon)) {
      dropOldest();
    }
  }

  int size() {
    return size;
  }

  int failures() {
    return failures;
  }

  /** The failures since the latest success, among the calls the window still holds. */
  int failuresInARow() {
    return failuresInARow;
  }

  void clear() {
    while (size > 0) {
      dropOldest();
    }
  }

  private void dropOldest() {
    if (failed[head]) {
      failures--;
    }
    failuresInARow = Math.min(failuresInARow, size - 1);
    times[head] = null;
    head = (head + 1) % times.length;
    size--;
  }
}
