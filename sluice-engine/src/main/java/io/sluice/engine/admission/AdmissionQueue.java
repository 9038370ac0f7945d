package io.sluice.engine.admission;

import io.sluice.engine.admission.Offer.Queued;
import io.sluice.engine.admission.Offer.Reason;
import io.sluice.engine.admission.Offer.Refused;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Requests waiting for admission, each with a deadline. It decides who goes next; the owner (the
 * gateway, or an application embedding the engine) decides when, by calling {@link #onCapacity}
 * each time a slot frees (a permit came back, the limiter's {@code WaitUntil} instant arrived), and
 * {@link #poll} on a timer at {@link #nextDeadline()}. Nothing here parks a thread: a waiter learns
 * the end of its wait through its {@link Waiter#result()}, completed on the owner's thread after the
 * lock is released, so it suits an event loop.
 *
 * <p><b>Order.</b> Every interactive waiter is admitted before any batch one. Within a class,
 * tenants take turns (round-robin), and each tenant's waiters go in arrival order: while a tenant
 * waits, no other tenant of its class is admitted twice before it.
 *
 * <p><b>Deadlines.</b> A request whose deadline is not after the earliest instant it could be
 * admitted (the owner says when: now, or a limiter's {@code WaitUntil}) is refused at once with a
 * {@code Retry-After} of exactly that wait, never held to time out. A queued waiter times out at its
 * deadline; {@link #poll(Instant, Instant)} also times out, at once, those whose deadline falls
 * before a newly known earliest admission.
 *
 * <p><b>Bounds.</b> At most {@code capacity} waiters; beyond that a request is refused ({@link
 * Reason#QUEUE_FULL}). Memory is proportional to the waiters.
 *
 * <p><b>Time.</b> Every method takes {@code now}; the queue reads no clock. Thread-safe: one {@link
 * ReentrantLock}, held only for the decision, never while a result's callbacks run.
 */
public final class AdmissionQueue {

  private static final Duration FULL_RETRY_AFTER = Duration.ofSeconds(1);
  private static final Comparator<Waiter> BY_DEADLINE =
      Comparator.comparing(Waiter::deadline).thenComparingLong(Waiter::seq);

  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Priority, Lane> lanes = new EnumMap<>(Priority.class);
  private final TreeSet<Waiter> byDeadline = new TreeSet<>(BY_DEADLINE);
  private long seq;

  /** An empty queue that holds at most {@code capacity} waiters. */
  public AdmissionQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
    for (Priority priority : Priority.values()) {
      lanes.put(priority, new Lane());
    }
  }

  /**
   * Queues a request, or refuses it at once.
   *
   * @param deadline the instant by which it must be admitted
   * @param earliestAdmission the earliest instant it could be admitted, as the owner knows it:
   *     {@code now} when only the queue holds it back, a limiter's {@code WaitUntil} instant otherwise
   */
  public Offer offer(String tenant, Priority priority, Instant deadline, Instant earliestAdmission, Instant now) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(earliestAdmission, "earliestAdmission");
    Objects.requireNonNull(now, "now");
    Duration wait = waitFrom(now, earliestAdmission);
    if (!deadline.isAfter(now.plus(wait))) {
      return new Refused(Reason.DEADLINE_TOO_SOON, wait, "The request's deadline (" + deadline
          + ") passes before it could be admitted (" + now.plus(wait) + "); retry after " + wait + ".");
    }
    lock.lock();
    try {
      if (byDeadline.size() >= capacity) {
        Duration hint = wait.compareTo(FULL_RETRY_AFTER) > 0 ? wait : FULL_RETRY_AFTER;
        return new Refused(Reason.QUEUE_FULL, hint,
            "The admission queue is full (" + capacity + " requests waiting); retry after " + hint + ".");
      }
      Waiter waiter = new Waiter(this, seq++, tenant, priority, deadline, now);
      lanes.get(priority).add(waiter);
      byDeadline.add(waiter);
      return new Queued(waiter);
    } finally {
      lock.unlock();
    }
  }

  /**
   * One slot is free: times out the waiters whose deadline has come, then admits the next waiter,
   * if any, and completes its result with {@link Result.Admitted}.
   *
   * @return the admitted waiter; empty when none waits, and the owner keeps the slot
   */
  public Optional<Waiter> onCapacity(Instant now) {
    Objects.requireNonNull(now, "now");
    List<Waiter> timedOut = new ArrayList<>();
    Waiter admitted = null;
    lock.lock();
    try {
      expire(now, now, timedOut);
      Lane lane = firstWaiting();
      if (lane != null) {
        admitted = lane.next();
        byDeadline.remove(admitted);
      }
    } finally {
      lock.unlock();
    }
    timeOut(timedOut, now, Duration.ZERO);
    if (admitted == null) {
      return Optional.empty();
    }
    admitted.result().complete(new Result.Admitted(waitFrom(admitted.queuedAt(), now)));
    return Optional.of(admitted);
  }

  /**
   * Capacity may have freed, in an amount only trying tells (a window reopened, a slot came back):
   * times out the waiters whose deadline has come, then asks {@code goes} for each waiter in the
   * queue's order and admits it while the answer is yes. The first waiter that cannot go keeps its
   * place at the head, so a request that tries and fails loses nothing to those behind it.
   *
   * <p>{@code goes} runs under the queue's lock, so that no other admission interleaves with the
   * order: it must decide quickly (the owner takes its slot, or learns there is none) and must not
   * call back into the queue. The results complete after the lock is released.
   *
   * @return the admitted waiters, in order
   */
  public List<Waiter> admitWhile(Instant now, Predicate<Waiter> goes) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(goes, "goes");
    List<Waiter> timedOut = new ArrayList<>();
    List<Waiter> admitted = new ArrayList<>();
    lock.lock();
    try {
      expire(now, now, timedOut);
      Lane lane;
      while ((lane = firstWaiting()) != null && goes.test(lane.peek())) {
        Waiter next = lane.next();
        byDeadline.remove(next);
        admitted.add(next);
      }
    } finally {
      lock.unlock();
    }
    timeOut(timedOut, now, Duration.ZERO);
    for (Waiter waiter : admitted) {
      waiter.result().complete(new Result.Admitted(waitFrom(waiter.queuedAt(), now)));
    }
    return admitted;
  }

  /**
   * Times out the waiters whose deadline has come.
   *
   * @return how many
   */
  public int poll(Instant now) {
    return poll(now, now);
  }

  /**
   * Times out the waiters that cannot be admitted in time now that no admission is possible before
   * {@code earliestAdmission}: those whose deadline is not after it. Their {@link
   * Result.TimedOut} carries the wait until then as its {@code retryAfter}.
   *
   * @return how many
   */
  public int poll(Instant now, Instant earliestAdmission) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(earliestAdmission, "earliestAdmission");
    List<Waiter> timedOut = new ArrayList<>();
    lock.lock();
    try {
      expire(now, earliestAdmission, timedOut);
    } finally {
      lock.unlock();
    }
    timeOut(timedOut, now, waitFrom(now, earliestAdmission));
    return timedOut.size();
  }

  /**
   * How many waiters a request of {@code tenant} and {@code priority} offered now would surely
   * follow: every waiter of a higher class, and the tenant's own of its class. (Other tenants of
   * its class may go before it too, by turns.) With a bound of how soon capacity serves that many,
   * the owner knows the earliest admission to {@link #offer}.
   */
  public int ahead(String tenant, Priority priority) {
    lock.lock();
    try {
      int ahead = lanes.get(priority).waiting(tenant);
      for (Priority higher : Priority.values()) {
        if (higher.compareTo(priority) < 0) {
          ahead += lanes.get(higher).size();
        }
      }
      return ahead;
    } finally {
      lock.unlock();
    }
  }

  /** The earliest deadline among the waiters, for the owner's timer; empty when none waits. */
  public Optional<Instant> nextDeadline() {
    lock.lock();
    try {
      return byDeadline.isEmpty() ? Optional.empty() : Optional.of(byDeadline.first().deadline());
    } finally {
      lock.unlock();
    }
  }

  /** How many requests wait. */
  public int size() {
    lock.lock();
    try {
      return byDeadline.size();
    } finally {
      lock.unlock();
    }
  }

  /** The most requests that may wait. */
  public int capacity() {
    return capacity;
  }

  boolean remove(Waiter waiter) {
    lock.lock();
    try {
      if (!byDeadline.remove(waiter)) {
        return false;
      }
      lanes.get(waiter.priority()).remove(waiter);
      return true;
    } finally {
      lock.unlock();
    }
  }

  boolean lockHeldByCurrentThread() {
    return lock.isHeldByCurrentThread();
  }

  /** Under the lock: the lane of the waiter that goes next, or null when none waits. */
  private Lane firstWaiting() {
    for (Lane lane : lanes.values()) {
      if (!lane.isEmpty()) {
        return lane;
      }
    }
    return null;
  }

  /** Under the lock: removes every waiter whose deadline is not after {@code admissibleFrom}, or has come. */
  private void expire(Instant now, Instant admissibleFrom, List<Waiter> into) {
    Instant bound = admissibleFrom.isAfter(now) ? admissibleFrom : now;
    while (!byDeadline.isEmpty() && !byDeadline.first().deadline().isAfter(bound)) {
      Waiter waiter = byDeadline.pollFirst();
      lanes.get(waiter.priority()).remove(waiter);
      into.add(waiter);
    }
  }

  private static void timeOut(List<Waiter> waiters, Instant now, Duration retryAfter) {
    for (Waiter waiter : waiters) {
      waiter.result().complete(new Result.TimedOut(waitFrom(waiter.queuedAt(), now), retryAfter));
    }
  }

  private static Duration waitFrom(Instant from, Instant to) {
    Duration wait = Duration.between(from, to);
    return wait.isNegative() ? Duration.ZERO : wait;
  }
}
