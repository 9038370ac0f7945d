package io.sluice.app.bench.report;

import static io.sluice.app.bench.Fixtures.failed;
import static io.sluice.app.bench.Fixtures.ok;
import static io.sluice.app.bench.Fixtures.request;
import static io.sluice.app.bench.Fixtures.result;
import static io.sluice.app.bench.Fixtures.scenario;
import static io.sluice.app.bench.Fixtures.stats;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.app.bench.client.Cause;
import io.sluice.app.bench.client.Strategy;
import io.sluice.app.bench.measure.StrategyResult;
import io.sluice.app.bench.measure.TheoreticalMaximum;
import io.sluice.app.bench.workload.PlannedRequest;
import io.sluice.app.bench.workload.RequestClass;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetsTest {

  private final PlannedRequest i0 = request(0, RequestClass.INTERACTIVE, 0);
  private final PlannedRequest i1 = request(1, RequestClass.INTERACTIVE, 10);

  private StrategyResult naive(double p95Seconds, boolean bothOk) {
    return result(Strategy.NAIVE, List.of(ok(i0, p95Seconds, 1),
            bothOk ? ok(i1, 10 + p95Seconds, 1) : failed(i1, 11, Cause.PROVIDER_THROTTLED, 6)),
        Map.of(), stats(7, 1, 0, 0, 6, 0, 0));
  }

  private StrategyResult sluice(double latencySeconds, long attempts, long platform429s) {
    return result(Strategy.SLUICE, List.of(ok(i0, latencySeconds, 1), ok(i1, 10 + latencySeconds, 1)), Map.of(),
        stats(attempts, 2, platform429s, 0, 0, 0, 2));
  }

  @Test
  void freeTierWantsNinetyNinePercentOfTheMaximumAndNoPlatform429() {
    TheoreticalMaximum two = new TheoreticalMaximum(2, 0);

    assertThat(Targets.check(scenario("free-tier", two, List.of(naive(1, false), sluice(1, 2, 0)))))
        .singleElement().asString().contains("2 of 2 (100.0%) with 0 platform 429s: **met**");
    assertThat(Targets.check(scenario("free-tier", two, List.of(naive(1, false), sluice(1, 3, 1)))))
        .singleElement().asString().endsWith("**missed**");
    assertThat(Targets.check(scenario("free-tier", new TheoreticalMaximum(3, 0), List.of(sluice(1, 2, 0)))))
        .singleElement().asString().contains("(66.7%)").endsWith("**missed**");
  }

  @Test
  void outageWantsAtMostOnePointOneUpstreamAttemptsPerRequest() {
    TheoreticalMaximum two = new TheoreticalMaximum(2, 0);

    assertThat(Targets.check(scenario("outage", two, List.of(sluice(1, 2, 0)))))
        .singleElement().asString().contains("1.00 (2 attempts for 2 requests): **met**");
    assertThat(Targets.check(scenario("outage", two, List.of(sluice(1, 3, 0)))))
        .singleElement().asString().contains("1.50").endsWith("**missed**");
  }

  @Test
  void paidTurbulenceWantsAHigherSuccessRateAtNoWorseInteractiveP95() {
    TheoreticalMaximum two = new TheoreticalMaximum(2, 0);

    assertThat(Targets.check(scenario("paid-turbulence", two, List.of(naive(1, false), sluice(2, 2, 0)))))
        .singleElement().asString().contains("sluice 100.0% at 2.0 s; naive 50.0% at 1.0 s")
        .endsWith("**missed** (p95 not lower or equal)");
    assertThat(Targets.check(scenario("paid-turbulence", two, List.of(naive(3, false), sluice(2, 2, 0)))))
        .singleElement().asString().endsWith("**met**");
    assertThat(Targets.check(scenario("paid-turbulence", two, List.of(naive(3, true), sluice(2, 2, 0)))))
        .singleElement().asString().endsWith("**missed** (success rate not higher)");
  }

  @Test
  void otherWorkloadsAndRunsWithoutSluiceHaveNoTargets() {
    TheoreticalMaximum two = new TheoreticalMaximum(2, 0);

    assertThat(Targets.check(scenario("mixed", two, List.of(naive(1, true), sluice(1, 2, 0))))).isEmpty();
    assertThat(Targets.check(scenario("free-tier", two, List.of(naive(1, true))))).isEmpty();
  }
}
