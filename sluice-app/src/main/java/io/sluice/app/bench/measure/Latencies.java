package io.sluice.app.bench.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Percentiles of a set of latencies, by the nearest-rank method: the p-th percentile of n sorted
 * values is the value at rank ceil(p/100 x n), so it is always one of the values measured.
 *
 * @param count how many latencies
 * @param p50 the median; null when there are none (as for the others)
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 * @param max the largest
 */
public record Latencies(int count, Duration p50, Duration p95, Duration p99, Duration max) {

  public static final Latencies NONE = new Latencies(0, null, null, null, null);

  /** The percentiles of {@code latencies}, in any order. */
  public static Latencies of(Collection<Duration> latencies) {
    if (latencies.isEmpty()) {
      return NONE;
    }
    List<Duration> sorted = new ArrayList<>(latencies);
    sorted.sort(null);
    return new Latencies(sorted.size(), percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
        sorted.getLast());
  }

  /** The {@code p}-th percentile (0 < p <= 100) of {@code sorted}, which is sorted ascending and not empty. */
  public static Duration percentile(List<Duration> sorted, double p) {
    if (sorted.isEmpty() || !(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("a percentile needs values and 0 < p <= 100, had " + sorted.size()
          + " values and p = " + p);
    }
    int rank = (int) Math.ceil(p * sorted.size() / 100); // p first: whole percentiles stay exact
    return sorted.get(Math.max(rank, 1) - 1);
  }
}
