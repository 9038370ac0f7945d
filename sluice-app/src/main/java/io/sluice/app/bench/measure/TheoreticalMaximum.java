package io.sluice.app.bench.measure;

import io.sluice.app.bench.workload.PlannedRequest;
import io.sluice.simulator.scenario.AccountSpec;
import io.sluice.simulator.scenario.Platform;
import io.sluice.simulator.scenario.Scenario;
import java.time.Instant;
import java.util.List;

/**
 * The most successes a scenario's limits allow a schedule: what a client would get that knew every
 * limit and every scheduled fault in advance, sent each request as early as the limits allow
 * (earliest deadline first, to the first model of its chain that can take it and answer in time)
 * and never sent an attempt that fails.
 *
 * <p>Counted: the account's free-model limits (per minute, per UTC day), credits (paid models need
 * a balance), each provider's requests and tokens per minute and concurrency (an answer takes at
 * least the provider's first-token latency plus the shortest completion), context windows, faults
 * certain to strike (probability 1, matching the key and non-streamed requests), and deadlines.
 * Not counted: probabilistic faults and providers' random errors, which a client may retry at no
 * cost to any limit. Greedy rather than an exhaustive search, so a strategy could in principle beat
 * it by a little; where one limit binds (the free tier's daily cap), it is that limit.
 *
 * @param interactive interactive requests served
 * @param batch batch requests served
 */
public record TheoreticalMaximum(int interactive, int batch) {

  /** The maximum for {@code schedule} on {@code scenario}, sent with the key labelled {@code keyLabel}. */
  public static TheoreticalMaximum of(Scenario scenario, String keyLabel, List<PlannedRequest> schedule,
      Instant start) {
    return new IdealClient(scenario, keyLabel, start).serve(schedule);
  }

  /** The account's free-model requests per UTC day: OpenRouter's higher cap once it bought enough credits. */
  public static int freeDailyCap(Platform platform, AccountSpec account) {
    return account.purchased() >= platform.purchaseThreshold()
        ? platform.freeRequestsPerDayAfterPurchase() : platform.freeRequestsPerDay();
  }

  /** Requests served, both classes. */
  public int total() {
    return interactive + batch;
  }
}
