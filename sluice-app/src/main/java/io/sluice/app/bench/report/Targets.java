package io.sluice.app.bench.report;

import io.sluice.app.bench.client.Strategy;
import io.sluice.app.bench.measure.ScenarioResult;
import io.sluice.app.bench.measure.StrategyResult;
import io.sluice.app.bench.workload.RequestClass;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Issue 5's targets for Sluice, checked against a run of the workload they are about. Reported,
 * never asserted: a benchmark measures.
 */
final class Targets {

  private Targets() {}

  /** A line per target that applies to {@code result}'s workload; empty when none does or Sluice did not run. */
  static List<String> check(ScenarioResult result) {
    Optional<StrategyResult> sluice = find(result, Strategy.SLUICE);
    if (sluice.isEmpty()) {
      return List.of();
    }
    StrategyResult s = sluice.get();
    return switch (result.workload().name()) {
      case "free-tier" -> List.of(freeTier(result, s));
      case "outage" -> List.of(outage(s));
      case "paid-turbulence" -> List.of(paidTurbulence(result, s));
      default -> List.of();
    };
  }

  private static String freeTier(ScenarioResult result, StrategyResult s) {
    double share = s.shareOf(result.maximum());
    boolean met = share >= 0.99 && s.platform429s() == 0;
    return String.format(Locale.ROOT, "at least 99%% of the theoretical maximum with no platform 429: %d of %d (%s)"
            + " with %d platform 429s: %s", s.successes(), result.maximum().total(), Format.percent(share),
        s.platform429s(), verdict(met));
  }

  private static String outage(StrategyResult s) {
    double perRequest = s.upstreamAttemptsPerRequest();
    return String.format(Locale.ROOT, "at most 1.1 upstream attempts per client request: %s (%d attempts for %d"
        + " requests): %s", Format.ratio(perRequest), s.upstream().attempts(), s.requests(), verdict(perRequest <= 1.1));
  }

  private static String paidTurbulence(ScenarioResult result, StrategyResult s) {
    Duration p95 = s.latency(RequestClass.INTERACTIVE).p95();
    boolean higherRate = true;
    boolean fasterOrEqual = true;
    StringBuilder others = new StringBuilder();
    for (StrategyResult other : result.strategies()) {
      if (other == s) {
        continue;
      }
      Duration otherP95 = other.latency(RequestClass.INTERACTIVE).p95();
      higherRate &= s.successRate() > other.successRate();
      fasterOrEqual &= p95 != null && (otherP95 == null || p95.compareTo(otherP95) <= 0);
      others.append(String.format(Locale.ROOT, "; %s %s at %s s", other.strategy().label(),
          Format.percent(other.successRate()), Format.seconds(otherP95)));
    }
    return String.format(Locale.ROOT, "a higher success rate than every other strategy at a lower or equal"
            + " interactive p95: sluice %s at %s s%s: %s", Format.percent(s.successRate()), Format.seconds(p95),
        others, verdict(higherRate && fasterOrEqual) + (higherRate ? "" : " (success rate not higher)")
            + (fasterOrEqual ? "" : " (p95 not lower or equal)"));
  }

  private static Optional<StrategyResult> find(ScenarioResult result, Strategy strategy) {
    return result.strategies().stream().filter(s -> s.strategy() == strategy).findFirst();
  }

  private static String verdict(boolean met) {
    return met ? "**met**" : "**missed**";
  }
}
