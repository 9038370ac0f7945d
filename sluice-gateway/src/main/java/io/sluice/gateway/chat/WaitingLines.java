package io.sluice.gateway.chat;

import io.netty.util.concurrent.EventExecutor;
import io.sluice.engine.Step;
import io.sluice.engine.admission.AdmissionQueue;
import io.sluice.engine.admission.Offer;
import io.sluice.engine.admission.Priority;
import io.sluice.engine.admission.Result;
import io.sluice.engine.admission.Waiter;
import io.sluice.gateway.Timers;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests waiting their turn for a shared capacity, one line per capacity as the engine names
 * it ({@link Step.Wait#line()}: the account's free-model window, a model's concurrency). Each line
 * is an {@link AdmissionQueue}: interactive before batch, tenants in turn, every waiter until its
 * deadline.
 *
 * <p>When the capacity may have freed (at the instant the engine named, or when an attempt on the
 * model ends), the line asks its waiters, in its order, for their next step, and lets them go until
 * one has to wait on the same line again; that one keeps its place at the head. So among the
 * waiters, a batch request never takes an interactive one's turn, nor one tenant a second turn
 * while another waits. A request that arrives just as capacity frees may still take it before the
 * line is asked: the line orders its waiters, it does not stop newcomers who find a free slot.
 */
final class WaitingLines {

  private final Map<String, Line> lines = new ConcurrentHashMap<>();
  private final int capacity;
  private final Duration maxWait;
  private final FreeModelTurn freeModelTurn;
  private final Timers timers;
  private final InstantSource clock;

  /** A lower bound of when a free model could take a request that {@code ahead} others go before. */
  @FunctionalInterface
  interface FreeModelTurn {
    Instant earliest(int ahead, Instant now);
  }

  /** A request in a line. */
  interface Turn {
    /** The request's next step at {@code now}, asked of the engine (the capacity is taken if it may go). */
    Step next(Instant now);

    /** It left the line, to take {@code step}. Runs on the thread that let it go. */
    void admitted(Step step, Duration queuedFor);

    /**
     * Its deadline came first. Runs on the thread that found it out.
     *
     * @param retryAfter when the line's capacity was next expected to free; zero when unknown
     */
    void timedOut(Duration queuedFor, Duration retryAfter);
  }

  /**
   * @param capacity how many requests a line holds; beyond that a request is refused
   * @param maxWait how long a request may wait in line; at most until its own deadline
   * @param freeModelTurn when a request behind others in the free-model line could go at the earliest
   */
  WaitingLines(int capacity, Duration maxWait, FreeModelTurn freeModelTurn, Timers timers, InstantSource clock) {
    this.capacity = capacity;
    this.maxWait = maxWait;
    this.freeModelTurn = freeModelTurn;
    this.timers = timers;
    this.clock = clock;
  }

  /**
   * Puts a request that must wait ({@code wait}) at the back of its line, or refuses it at once
   * when the line is full, or when its deadline comes before {@code wait.until()} or, in the
   * free-model line, before the window could serve those surely ahead of it. It waits until its
   * {@code deadline}, or {@code maxWait}, whichever comes first. A queued request
   * leaves the line through its {@link Turn}, or by {@link Waiter#cancel()}.
   *
   * @param executor where the line's wake-up runs, if this request brings it forward
   */
  Offer join(Step.Wait wait, Turn turn, String tenant, Priority priority, Instant deadline, EventExecutor executor) {
    Line line = lines.computeIfAbsent(Objects.requireNonNull(wait.line(), "line"), Line::new);
    Instant now = clock.instant();
    // The engine holds a request for max-wait inclusive; a line's deadline is the first instant it may not.
    Instant waitEnds = now.plus(maxWait).plusMillis(1);
    Instant earliest = wait.until();
    if (Step.Wait.FREE_MODELS.equals(wait.line())) {
      Instant windowServes = freeModelTurn.earliest(line.queue.ahead(tenant, priority), now);
      earliest = windowServes.isAfter(earliest) ? windowServes : earliest;
    }
    Offer offer = line.queue.offer(tenant, priority, deadline.isBefore(waitEnds) ? deadline : waitEnds, earliest, now);
    if (offer instanceof Offer.Queued queued) {
      line.enter(queued.waiter(), turn, wait.until(), executor);
    }
    return offer;
  }

  /** Capacity on {@code lineName} may have freed (an attempt on it ended): its waiters are asked now. */
  void freed(String lineName) {
    Line line = lines.get(lineName);
    if (line != null && line.queue.size() > 0) {
      line.admit(clock.instant());
    }
  }

  /** How many requests wait, in every line. */
  int waiting() {
    return lines.values().stream().mapToInt(line -> line.queue.size()).sum();
  }

  /** How many requests wait in {@code lineName}. */
  int waiting(String lineName) {
    Line line = lines.get(lineName);
    return line == null ? 0 : line.queue.size();
  }

  private final class Line {
    private final String name;
    private final AdmissionQueue queue = new AdmissionQueue(capacity);
    private final Map<Waiter, Turn> turns = new ConcurrentHashMap<>();
    // Guarded by this: the one timer that asks the waiters again, and when capacity is next expected.
    private Timers.Cancellable wakeUp;
    private Instant wakeUpAt;
    private Instant expectedFree;
    private EventExecutor executor;

    Line(String name) {
      this.name = name;
    }

    void enter(Waiter waiter, Turn turn, Instant until, EventExecutor executor) {
      turns.put(waiter, turn);
      waiter.result().whenComplete((result, cancelled) -> {
        if (result instanceof Result.TimedOut timedOut) {
          Turn left = turns.remove(waiter);
          if (left != null) {
            left.timedOut(timedOut.queuedFor(), retryAfter());
          }
        } else if (cancelled != null) {
          turns.remove(waiter);
        }
      });
      synchronized (this) {
        this.executor = executor;
        if (expectedFree == null || until.isBefore(expectedFree)) {
          expectedFree = until;
        }
      }
      wakeAt(until);
      wakeAt(waiter.deadline());
    }

    /** Asks the waiters in order, lets go those that may, and sets the next wake-up. */
    void admit(Instant now) {
      Map<Waiter, Step> steps = new IdentityHashMap<>();
      Instant[] headUntil = {null};
      List<Waiter> admitted = queue.admitWhile(now, waiter -> {
        Turn turn = turns.get(waiter);
        if (turn == null) { // queued this instant, by a request that was just told to wait
          return false;
        }
        Step step = turn.next(now);
        if (step instanceof Step.Wait wait && name.equals(wait.line())) {
          headUntil[0] = wait.until();
          return false;
        }
        steps.put(waiter, step);
        return true;
      });
      for (Waiter waiter : admitted) {
        turns.remove(waiter).admitted(steps.get(waiter), Duration.between(waiter.queuedAt(), now));
      }
      synchronized (this) {
        expectedFree = headUntil[0];
      }
      if (headUntil[0] != null) {
        wakeAt(headUntil[0]);
      }
      queue.nextDeadline().ifPresent(this::wakeAt);
    }

    private synchronized Duration retryAfter() {
      Duration wait = expectedFree == null ? Duration.ZERO : Duration.between(clock.instant(), expectedFree);
      return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** Asks the waiters again at {@code at}, unless a wake-up comes before it. */
    private synchronized void wakeAt(Instant at) {
      if (wakeUpAt != null && !at.isBefore(wakeUpAt)) {
        return;
      }
      if (wakeUp != null) {
        wakeUp.cancel();
      }
      wakeUpAt = at;
      Duration delay = Duration.between(clock.instant(), at);
      wakeUp = timers.schedule(executor, delay.isNegative() ? Duration.ZERO : delay, this::wake);
    }

    private void wake() {
      synchronized (this) {
        wakeUp = null;
        wakeUpAt = null;
      }
      admit(clock.instant());
    }
  }
}
