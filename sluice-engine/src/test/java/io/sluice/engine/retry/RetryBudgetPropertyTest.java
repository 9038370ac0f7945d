package io.sluice.engine.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link RetryBudget}'s invariant over generated traffic on a fake clock: bursts, quiet gaps,
 * clocks stepping back. After every step, every window of consecutive buckets seen so far holds
 * at most {@code ratio × requests + floor} granted retries; and every answer matches a model that
 * keeps the whole history.
 */
class RetryBudgetPropertyTest {

  private static final Instant START = Instant.parse("2026-10-10T15:00:00Z");

  sealed interface Step {
    record Request(int count) implements Step {}

    record Retry() implements Step {}

    record Advance(long millis) implements Step {}
  }

  @Property(tries = 300)
  void grantedRetriesNeverExceedTheRatioOfRequestsPlusTheFloorInAnyWindow(
      @ForAll("limits") RetryBudgetLimits limits, @ForAll("runs") List<Step> steps) {
    RetryBudget budget = new RetryBudget(limits);
    long bucketMillis = limits.bucket().toMillis();
    int buckets = limits.buckets();
    TreeMap<Long, long[]> history = new TreeMap<>(); // bucket -> {requests, retries}
    Instant now = START;
    long latestBucket = Long.MIN_VALUE;
    int granted = 0;
    int refused = 0;

    for (Step step : steps) {
      switch (step) {
        case Step.Advance(long millis) -> now = now.plusMillis(millis);
        case Step.Request(int count) -> {
          latestBucket = Math.max(latestBucket, Math.floorDiv(now.toEpochMilli(), bucketMillis));
          for (int i = 0; i < count; i++) {
            budget.recordRequest(now);
          }
          history.computeIfAbsent(latestBucket, b -> new long[2])[0] += count;
        }
        case Step.Retry() -> {
          latestBucket = Math.max(latestBucket, Math.floorDiv(now.toEpochMilli(), bucketMillis));
          boolean expected = modelGrants(history, latestBucket, buckets, limits);
          assertThat(budget.tryAcquireRetry(now)).isEqualTo(expected);
          if (expected) {
            history.computeIfAbsent(latestBucket, b -> new long[2])[1]++;
            granted++;
          } else {
            refused++;
          }
          assertEveryWindowWithinBudget(history, buckets, limits);
        }
      }
    }
    Statistics.label("retries").collect(granted > 0 ? "some granted" : "none granted");
    Statistics.label("refusals").collect(refused > 0 ? "some refused" : "none refused");
    Statistics.label("retries").coverage(c -> c.check("some granted").percentage(p -> p > 50));
    Statistics.label("refusals").coverage(c -> c.check("some refused").percentage(p -> p > 15));
  }

  /** Grants iff every run of the latest buckets, with one retry more, stays within budget. */
  private static boolean modelGrants(TreeMap<Long, long[]> history, long current, int buckets, RetryBudgetLimits limits) {
    for (int length = 1; length <= buckets; length++) {
      long[] sums = sum(history, current - length + 1, current);
      if (sums[1] + 1 > limits.ratio() * sums[0] + limits.floor()) {
        return false;
      }
    }
    return true;
  }

  private static void assertEveryWindowWithinBudget(TreeMap<Long, long[]> history, int buckets, RetryBudgetLimits limits) {
    if (history.isEmpty()) {
      return;
    }
    for (long first = history.firstKey() - buckets + 1; first <= history.lastKey(); first++) {
      long[] sums = sum(history, first, first + buckets - 1);
      assertThat((double) sums[1])
          .as("retries in the window of buckets from %d, with %d requests", first, sums[0])
          .isLessThanOrEqualTo(limits.ratio() * sums[0] + limits.floor());
    }
  }

  private static long[] sum(TreeMap<Long, long[]> history, long first, long last) {
    long[] sums = new long[2];
    for (long[] counts : history.subMap(first, true, last, true).values()) {
      sums[0] += counts[0];
      sums[1] += counts[1];
    }
    return sums;
  }

  @Provide
  Arbitrary<RetryBudgetLimits> limits() {
    return Combinators.combine(
            Arbitraries.of(0.0, 0.05, 0.1, 0.25, 1.0),
            Arbitraries.integers().between(1, 8),
            Arbitraries.of(Duration.ofMillis(1), Duration.ofMillis(100), Duration.ofSeconds(10)),
            Arbitraries.integers().between(0, 4))
        .as((ratio, buckets, bucket, floor) -> new RetryBudgetLimits(ratio, bucket.multipliedBy(buckets), bucket, floor));
  }

  @Provide
  Arbitrary<List<Step>> runs() {
    @SuppressWarnings("unchecked")
    Arbitrary<Step> step = Arbitraries.frequencyOf(
        Tuple.of(30, Arbitraries.integers().between(1, 30).map(Step.Request::new)),
        Tuple.of(40, Arbitraries.just(new Step.Retry())),
        Tuple.of(20, Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.longs().between(0, 20)),
            Tuple.of(5, Arbitraries.longs().between(0, 20_000)),
            Tuple.of(1, Arbitraries.longs().between(-20_000, 0)),
            Tuple.of(1, Arbitraries.longs().between(0, 600_000))).map(Step.Advance::new)));
    return step.list().ofMinSize(1).ofMaxSize(200);
  }
}
