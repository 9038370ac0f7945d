package io.sluice.app.bench.client;

import io.sluice.app.bench.workload.PlannedRequest;
import io.sluice.app.bench.workload.RequestClass;
import io.sluice.app.bench.workload.Workload;
import io.sluice.simulator.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * One strategy's clients working through the schedule: each class's clients take its requests in
 * arrival order, one at a time each, never before a request arrives and never past its deadline.
 * Thread-safe: the counters may be read while the clients work.
 */
public final class StrategyRun {

  private final Strategy strategy;
  private final Target target;
  private final Workload workload;
  private final List<PlannedRequest> schedule;
  private final SimClock clock;
  private final Instant start;
  private final ChatClient chat;
  private final AtomicReferenceArray<RequestRecord> records;
  private final LongAdder[] attemptFailures = new LongAdder[Cause.values().length];
  private final AtomicInteger finished = new AtomicInteger();
  private final AtomicInteger succeeded = new AtomicInteger();
  private final AtomicReference<RuntimeException> crash = new AtomicReference<>();

  /**
   * @param start the run's start on {@code clock}; the schedule's arrivals count from it
   * @param timeScale simulated seconds per real second of {@code clock}
   */
  public StrategyRun(Strategy strategy, Target target, Workload workload, List<PlannedRequest> schedule,
      SimClock clock, double timeScale, Instant start) {
    this.strategy = strategy;
    this.target = target;
    this.workload = workload;
    this.schedule = List.copyOf(schedule);
    this.clock = clock;
    this.start = start;
    this.chat = new ChatClient(target.apiBase(), clock, timeScale);
    this.records = new AtomicReferenceArray<>(schedule.size());
    for (int i = 0; i < attemptFailures.length; i++) {
      attemptFailures[i] = new LongAdder();
    }
  }

  public Strategy strategy() {
    return strategy;
  }

  /** Starts every client on {@code pool}, one task each. */
  public void start(ExecutorService pool) {
    for (RequestClass type : RequestClass.values()) {
      List<PlannedRequest> queue = schedule.stream().filter(r -> r.type() == type).toList();
      AtomicInteger next = new AtomicInteger();
      for (int i = 0; i < workload.spec(type).clients(); i++) {
        pool.submit(() -> client(queue, next));
      }
    }
  }

  /** Requests over (answered or given up) so far. */
  public int finished() {
    return finished.get();
  }

  /** Requests that succeeded so far. */
  public int succeeded() {
    return succeeded.get();
  }

  /** Whether every request is over. */
  public boolean done() {
    return finished.get() == schedule.size();
  }

  /**
   * Every request's record, in schedule order, once every client has stopped.
   *
   * @throws IllegalStateException if a client failed, or stopped before its last request
   */
  public List<RequestRecord> records() {
    if (crash.get() != null) {
      throw new IllegalStateException(strategy.label() + ": a client failed: " + crash.get(), crash.get());
    }
    List<RequestRecord> all = new ArrayList<>(records.length());
    for (int i = 0; i < records.length(); i++) {
      if (records.get(i) == null) {
        throw new IllegalStateException(strategy.label() + ": request " + i + " was never over");
      }
      all.add(records.get(i));
    }
    return all;
  }

  /** Failed attempts (not requests) by cause, as the clients classified them. */
  public Map<Cause, Long> attemptFailures() {
    Map<Cause, Long> counts = new EnumMap<>(Cause.class);
    for (Cause cause : Cause.values()) {
      long n = attemptFailures[cause.ordinal()].sum();
      if (n > 0) {
        counts.put(cause, n);
      }
    }
    return counts;
  }

  private Void client(List<PlannedRequest> queue, AtomicInteger next) throws InterruptedException {
    try {
      work(queue, next);
    } catch (RuntimeException e) {
      crash.compareAndSet(null, e);
      throw e;
    }
    return null;
  }

  private void work(List<PlannedRequest> queue, AtomicInteger next) throws InterruptedException {
    for (int i = next.getAndIncrement(); i < queue.size(); i = next.getAndIncrement()) {
      PlannedRequest request = queue.get(i);
      Duration untilArrival = Duration.between(clock.now(), start.plus(request.arrival()));
      if (untilArrival.isPositive()) {
        clock.sleep(untilArrival);
      }
      RequestRecord record = execute(request);
      records.set(request.index(), record);
      if (record.success()) {
        succeeded.incrementAndGet();
      }
      finished.incrementAndGet();
    }
  }

  private RequestRecord execute(PlannedRequest request) throws InterruptedException {
    Instant due = start.plus(request.due());
    RetryPolicy policy = strategy.policy(new SplittableRandom(workload.seed() * 31 + request.index()));
    int attempts = 0;
    int upstream = 0;
    int position = 0;
    boolean abandoned = false;
    Cause last = Cause.DEADLINE;
    while (clock.now().isBefore(due)) {
      AttemptResult result = chat.send(request, target.model(request, position), target.key(request.type()), due);
      attempts++;
      upstream += result.upstreamAttempts() >= 0 ? result.upstreamAttempts() : strategy.direct() ? 1 : 0;
      abandoned |= result.abandoned();
      if (result.ok()) {
        return record(request, null, attempts, upstream, abandoned);
      }
      attemptFailures[result.failure().ordinal()].increment();
      last = result.failure();
      RetryPolicy.Retry retry = policy.next(attempts, result, position, request.chain().size());
      if (retry == null || !clock.now().plus(retry.delay()).isBefore(due)) {
        break;
      }
      clock.sleep(retry.delay());
      position = retry.position();
    }
    return record(request, last, attempts, upstream, abandoned);
  }

  private RequestRecord record(PlannedRequest request, Cause failure, int attempts, int upstream, boolean abandoned) {
    return new RequestRecord(request, Duration.between(start, clock.now()), failure, attempts, upstream, abandoned);
  }
}
