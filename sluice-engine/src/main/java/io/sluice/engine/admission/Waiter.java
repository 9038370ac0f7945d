package io.sluice.engine.admission;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One request waiting in an {@link AdmissionQueue}. Its {@link #result()} completes once, with
 * {@link Result.Admitted} or {@link Result.TimedOut}, on the thread that called the queue's {@code
 * onCapacity} or {@code poll}, after the queue's lock is released; or it is cancelled by {@link
 * #cancel()}. Do not complete or cancel the future directly: use {@link #cancel()}.
 */
public final class Waiter {

  private final AdmissionQueue queue;
  private final long seq;
  private final String tenant;
  private final Priority priority;
  private final Instant deadline;
  private final Instant queuedAt;
  private final CompletableFuture<Result> result = new CompletableFuture<>();

  Waiter(AdmissionQueue queue, long seq, String tenant, Priority priority, Instant deadline, Instant queuedAt) {
    this.queue = queue;
    this.seq = seq;
    this.tenant = tenant;
    this.priority = priority;
    this.deadline = deadline;
    this.queuedAt = queuedAt;
  }

  public String tenant() {
    return tenant;
  }

  public Priority priority() {
    return priority;
  }

  /** The instant by which it must be admitted; at that instant it times out. */
  public Instant deadline() {
    return deadline;
  }

  public Instant queuedAt() {
    return queuedAt;
  }

  /** Completes when the wait ends; callbacks run outside the queue's lock. */
  public CompletableFuture<Result> result() {
    return result;
  }

  /**
   * The request went away (the client disconnected): leave the queue and cancel {@link #result()}.
   *
   * @return whether it was still waiting
   */
  public boolean cancel() {
    boolean removed = queue.remove(this);
    if (removed) {
      result.cancel(false);
    }
    return removed;
  }

  long seq() {
    return seq;
  }

  @Override
  public String toString() {
    return "Waiter[" + seq + " " + tenant + " " + priority + " until " + deadline + "]";
  }
}
