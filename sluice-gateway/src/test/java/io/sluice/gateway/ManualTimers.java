package io.sluice.gateway;

import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Timers that move only when a test says so. {@link #advance} runs every task that falls due, in
 * deadline order, each on its own event loop, and returns once they have run. The wall clock it
 * also is moves with it, from {@code start}.
 */
public final class ManualTimers implements Timers, InstantSource {

  private static final long ORIGIN = 1_000_000_000L;

  private final Instant start;

  private final ReentrantLock lock = new ReentrantLock();
  private final List<Task> tasks = new ArrayList<>();
  private long nanos = ORIGIN;
  private long sequence;

  public ManualTimers(Instant start) {
    this.start = start;
  }

  @Override
  public Instant instant() {
    return start.plusNanos(nanoTime() - ORIGIN);
  }

  private static final class Task implements Cancellable {
    final long deadline;
    final long order;
    final EventExecutor executor;
    final Runnable action;
    volatile boolean cancelled;

    Task(long deadline, long order, EventExecutor executor, Runnable action) {
      this.deadline = deadline;
      this.order = order;
      this.executor = executor;
      this.action = action;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  @Override
  public long nanoTime() {
    lock.lock();
    try {
      return nanos;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Cancellable schedule(EventExecutor executor, Duration delay, Runnable action) {
    lock.lock();
    try {
      Task task = new Task(nanos + delay.toNanos(), sequence++, executor, action);
      tasks.add(task);
      return task;
    } finally {
      lock.unlock();
    }
  }

  /** Moves time forward by {@code step}, running what falls due on the way. */
  public void advance(Duration step) {
    long target;
    lock.lock();
    try {
      target = nanos + step.toNanos();
    } finally {
      lock.unlock();
    }
    Task next;
    while ((next = nextDue(target)) != null) {
      Task due = next;
      due.executor.submit(() -> {
        if (!due.cancelled) {
          due.action.run();
        }
      }).syncUninterruptibly();
    }
    lock.lock();
    try {
      nanos = target;
    } finally {
      lock.unlock();
    }
  }

  /** Tasks scheduled and neither run nor cancelled. */
  public int pending() {
    lock.lock();
    try {
      return (int) tasks.stream().filter(t -> !t.cancelled).count();
    } finally {
      lock.unlock();
    }
  }

  /** Tasks that will run once time has moved by {@code within} at most. */
  public int pendingWithin(Duration within) {
    lock.lock();
    try {
      long limit = nanos + within.toNanos();
      return (int) tasks.stream().filter(t -> !t.cancelled && t.deadline <= limit).count();
    } finally {
      lock.unlock();
    }
  }

  private Task nextDue(long target) {
    lock.lock();
    try {
      tasks.removeIf(t -> t.cancelled);
      Task first = tasks.stream()
          .min(Comparator.<Task>comparingLong(t -> t.deadline).thenComparingLong(t -> t.order))
          .orElse(null);
      if (first == null || first.deadline > target) {
        return null;
      }
      tasks.remove(first);
      nanos = Math.max(nanos, first.deadline);
      return first;
    } finally {
      lock.unlock();
    }
  }
}
