package io.sluice.app.bench.measure;

import io.sluice.app.bench.client.Cause;
import io.sluice.app.bench.client.RequestRecord;
import io.sluice.app.bench.client.Strategy;
import io.sluice.app.bench.workload.RequestClass;
import io.sluice.simulator.openrouter.KeyStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one strategy achieved: the clients' records of every request, and what the simulator
 * counted for the key the upstream saw.
 *
 * @param strategy the strategy
 * @param records every request's record, in schedule order
 * @param attemptFailures failed attempts by cause, as the clients classified them
 * @param upstream the simulator's tallies for the upstream key
 * @param freeDailyCap the account's free-model daily cap
 */
public record StrategyResult(Strategy strategy, List<RequestRecord> records, Map<Cause, Long> attemptFailures,
    KeyStats upstream, int freeDailyCap) {

  public StrategyResult {
    records = List.copyOf(records);
    attemptFailures = Map.copyOf(attemptFailures);
  }

  public int requests() {
    return records.size();
  }

  public long successes() {
    return records.stream().filter(RequestRecord::success).count();
  }

  /** Successes among the requests of {@code type}. */
  public long successes(RequestClass type) {
    return records.stream().filter(r -> r.success() && r.request().type() == type).count();
  }

  /** Successes over requests, 0 to 1. */
  public double successRate() {
    return records.isEmpty() ? 0 : (double) successes() / records.size();
  }

  /** Failed requests by their final cause, in the causes' declaration order. */
  public Map<Cause, Long> failures() {
    Map<Cause, Long> counts = new EnumMap<>(Cause.class);
    records.stream().filter(r -> !r.success()).forEach(r -> counts.merge(r.failure(), 1L, Long::sum));
    return counts;
  }

  /** Attempts the upstream counted, per success; null when nothing succeeded. */
  public Double upstreamAttemptsPerSuccess() {
    long successes = successes();
    return successes == 0 ? null : (double) upstream.attempts() / successes;
  }

  /** Attempts the upstream counted, per request of the schedule. */
  public double upstreamAttemptsPerRequest() {
    return records.isEmpty() ? 0 : (double) upstream.attempts() / records.size();
  }

  /** 429s of OpenRouter's own limits (per minute and per day), which burn the daily quota. */
  public long platform429s() {
    return upstream.freePerMinute429() + upstream.freePerDay429();
  }

  /** Latency percentiles of the successful requests of {@code type}, from arrival to answer. */
  public Latencies latency(RequestClass type) {
    return Latencies.of(records.stream()
        .filter(r -> r.success() && r.request().type() == type)
        .map(RequestRecord::latency)
        .toList());
  }

  /** When the last batch request was over (answered or given up), after the start; empty without batch. */
  public Optional<Duration> batchFinished() {
    return records.stream()
        .filter(r -> r.request().type() == RequestClass.BATCH)
        .map(RequestRecord::end)
        .max(Duration::compareTo);
  }

  /** USD the upstream charged. */
  public double cost() {
    return upstream.spend();
  }

  /** Successes as a share of what the limits allow, 0 to 1 (or above, should the bound be beaten). */
  public double shareOf(TheoreticalMaximum maximum) {
    return maximum.total() == 0 ? 0 : (double) successes() / maximum.total();
  }

  /**
   * Where the clients' records disagree with the simulator's own counts; empty when they agree.
   * An attempt the client abandoned at its deadline may or may not have been counted, or served,
   * upstream, so each abandoned one widens the range allowed by one.
   */
  public List<String> inconsistencies() {
    List<String> problems = new ArrayList<>();
    long abandoned = records.stream().filter(RequestRecord::abandoned).count();
    long successes = successes();
    within(problems, "upstream successes", upstream.successes(), successes, successes + abandoned);
    if (strategy.direct()) {
      long sent = records.stream().mapToLong(RequestRecord::clientAttempts).sum();
      within(problems, "upstream attempts", upstream.attempts(), sent - abandoned, sent);
      within(problems, "upstream per-minute 429s", upstream.freePerMinute429(), count(Cause.PER_MINUTE),
          count(Cause.PER_MINUTE) + abandoned);
      within(problems, "upstream daily-cap 429s", upstream.freePerDay429(), count(Cause.DAILY_CAP),
          count(Cause.DAILY_CAP) + abandoned);
      within(problems, "upstream provider 429s", upstream.upstream429(), count(Cause.PROVIDER_THROTTLED),
          count(Cause.PROVIDER_THROTTLED) + abandoned);
    } else {
      long reported = records.stream().mapToLong(RequestRecord::upstreamAttempts).sum();
      within(problems, "upstream attempts", upstream.attempts(), Math.max(reported, successes), Long.MAX_VALUE);
    }
    return problems;
  }

  private long count(Cause cause) {
    return attemptFailures.getOrDefault(cause, 0L);
  }

  private void within(List<String> problems, String what, long actual, long low, long high) {
    if (actual < low || actual > high) {
      problems.add(strategy.label() + ": the simulator counted " + actual + " " + what + ", the clients' records allow "
          + (high == Long.MAX_VALUE ? "at least " + low : low == high ? "exactly " + low : low + " to " + high));
    }
  }
}
