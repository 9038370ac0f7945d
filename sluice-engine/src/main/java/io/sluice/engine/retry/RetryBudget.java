package io.sluice.engine.retry;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The retry budget shared by all traffic, so that an outage cannot multiply the load sent
 * upstream: every client request is counted with {@link #recordRequest}, and every retry must be
 * granted by {@link #tryAcquireRetry} first. A refused retry falls back or fails; it does not wait.
 *
 * <p>Time is cut into buckets of {@link RetryBudgetLimits#bucket()} from the epoch; a window is
 * {@link RetryBudgetLimits#buckets()} consecutive buckets.
 *
 * <p><b>Invariant.</b> In every window, at every moment, the retries granted are at most {@code
 * ratio × requests recorded + floor}. A retry is granted only if that holds, with it, for every
 * window that contains the current bucket and is not over yet: each such window, up to now, is a
 * run of the latest buckets, and later requests can only add to it.
 *
 * <p><b>Time.</b> Pure function of the state and the {@code now} passed in; no clock is read. An
 * instant earlier than one already seen counts as that one.
 *
 * <p>Thread-safe: one {@link ReentrantLock}, held for a few array reads. Memory is a fixed array
 * per bucket of the window, whatever the traffic.
 */
public final class RetryBudget {

  private final RetryBudgetLimits limits;
  private final long bucketMillis;
  private final ReentrantLock lock = new ReentrantLock();
  // Ring of the window's buckets; slot i holds the bucket whose index is ≡ i mod length.
  private final long[] index;
  private final long[] requests;
  private final long[] retries;
  private long latest = Long.MIN_VALUE;

  /** A budget with nothing recorded yet. */
  public RetryBudget(RetryBudgetLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.bucketMillis = limits.bucket().toMillis();
    int buckets = limits.buckets();
    this.index = new long[buckets];
    this.requests = new long[buckets];
    this.retries = new long[buckets];
    Arrays.fill(index, Long.MIN_VALUE);
  }

  /** The limits it enforces. */
  public RetryBudgetLimits limits() {
    return limits;
  }

  /** Counts a client request (its first attempt; retries are not requests). */
  public void recordRequest(Instant now) {
    Objects.requireNonNull(now, "now");
    lock.lock();
    try {
      requests[slot(advanceTo(now))]++;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Grants one retry at {@code now} and counts it, if the invariant allows it.
   *
   * @return whether the retry may be sent
   */
  public boolean tryAcquireRetry(Instant now) {
    Objects.requireNonNull(now, "now");
    lock.lock();
    try {
      long current = advanceTo(now);
      long sumRequests = 0;
      long sumRetries = 0;
      // Each run of the latest buckets is, so far, a window that is not over yet.
      for (int back = 0; back < index.length; back++) {
        int slot = slotIfLive(current - back);
        if (slot >= 0) {
          sumRequests += requests[slot];
          sumRetries += retries[slot];
        }
        if (sumRetries + 1 > limits.ratio() * sumRequests + limits.floor()) {
          return false;
        }
      }
      retries[slot(current)]++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  private long advanceTo(Instant now) {
    long bucket = Math.floorDiv(now.toEpochMilli(), bucketMillis);
    latest = Math.max(latest, bucket);
    return latest;
  }

  /** The slot of the current bucket, emptied first if it last held an older bucket. */
  private int slot(long bucket) {
    int slot = (int) Math.floorMod(bucket, (long) index.length);
    if (index[slot] != bucket) {
      index[slot] = bucket;
      requests[slot] = 0;
      retries[slot] = 0;
    }
    return slot;
  }

  /** The slot holding {@code bucket}, or -1 if it holds another (nothing was recorded then). */
  private int slotIfLive(long bucket) {
    int slot = (int) Math.floorMod(bucket, (long) index.length);
    return index[slot] == bucket ? slot : -1;
  }
}
