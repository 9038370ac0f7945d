package io.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.outcome.OutcomeType;
import io.sluice.engine.route.ModelInfo;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * After an out-of-credits answer, paid traffic comes back on evidence only: a balance reading, or
 * the success of the one probe let through each recheck interval (5 minutes), on fixed instants.
 */
class OutOfCreditsTest {

  private static final Instant NOW = Instant.parse("2026-10-10T15:00:00Z");
  private static final Duration RECHECK = Duration.ofMinutes(5);
  private static final String PAID = "openai/gpt-4o-mini";
  private static final String OTHER_PAID = "google/gemini-2.5-flash";

  private final TrafficEngine engine = new TrafficEngine(EngineConfig.defaults(), new SplittableRandom(1));

  {
    engine.updateCatalog(List.of(paid(PAID), paid(OTHER_PAID)));
  }

  private static ModelInfo paid(String id) {
    return new ModelInfo(id, 128_000, new BigDecimal("0.000001"), new BigDecimal("0.000001"), Set.of("tools"));
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private RequestPlan plan(String model, Instant at) {
    return engine.plan(RequestSpec.model(model, at).withDeadline(Duration.ofMinutes(1)));
  }

  private static void cameBack(RequestPlan plan, String model, OutcomeType type, Instant at) {
    plan.report(new Attempt.Classified(model, Outcomes.of(type), false), at);
  }

  /** Paid traffic stopped by a 402 at {@code at}. */
  private void outOfCreditsAt(Instant at) {
    outOfCreditsAt(PAID, at);
  }

  private void outOfCreditsAt(String model, Instant at) {
    RequestPlan first = plan(model, at);
    first.next(at);
    cameBack(first, model, OutcomeType.OUT_OF_CREDITS, at);
    assertThat(engine.outOfCreditsSince()).contains(at);
  }

  private Step next(String model, Instant at) {
    return plan(model, at).next(at);
  }

  private static void refused(Step step, Duration retryAfter) {
    refused(step, retryAfter, "will check at");
  }

  private static void refused(Step step, Duration retryAfter, String saying) {
    assertThat(step).isInstanceOfSatisfying(Step.Refuse.class, refuse -> {
      assertThat(refuse.reason()).isEqualTo(Step.Reason.OUT_OF_CREDITS);
      assertThat(refuse.retryAfter()).isEqualTo(retryAfter);
      assertThat(refuse.message()).contains(saying);
    });
  }

  @Test
  void withoutEvidenceOnePaidRequestProbesEachIntervalAndItsSuccessRestoresPaidTraffic() {
    outOfCreditsAt(NOW);
    refused(next(PAID, NOW.plusSeconds(1)), RECHECK.minusSeconds(1));

    Instant due = NOW.plus(RECHECK);
    RequestPlan probe = plan(PAID, due);
    assertThat(probe.next(due)).isInstanceOf(Step.Send.class);
    refused(next(OTHER_PAID, due), RECHECK);
    cameBack(probe, PAID, OutcomeType.OUT_OF_CREDITS, due.plusSeconds(1));

    refused(next(PAID, due.plusSeconds(2)), RECHECK.minusSeconds(1));
    Instant nextDue = due.plusSeconds(1).plus(RECHECK);
    RequestPlan second = plan(PAID, nextDue);
    assertThat(second.next(nextDue)).isInstanceOf(Step.Send.class);
    cameBack(second, PAID, OutcomeType.SUCCESS, nextDue);

    assertThat(engine.outOfCreditsSince()).isEmpty();
    assertThat(next(PAID, nextDue)).isInstanceOf(Step.Send.class);
    assertThat(next(OTHER_PAID, nextDue)).as("all paid traffic flows again").isInstanceOf(Step.Send.class);
  }

  @Test
  void aBalanceReadingAboveZeroRestoresPaidTrafficAtOnce() {
    outOfCreditsAt(NOW);

    boolean restored = engine.learnCredits(CreditsInfo.parse(bytes("{\"data\":{\"total_credits\":25,\"total_usage\":20.5}}")),
        NOW.plusSeconds(1));

    assertThat(restored).isTrue();
    assertThat(next(PAID, NOW.plusSeconds(1))).isInstanceOf(Step.Send.class);
  }

  @Test
  void aBalanceReadingOfNothingHoldsPaidTrafficProbeIncluded() {
    outOfCreditsAt(NOW);

    engine.learnCredits(CreditsInfo.parse(bytes("{\"data\":{\"total_credits\":25,\"total_usage\":25}}")),
        NOW.plusSeconds(1));

    refused(next(PAID, NOW.plus(RECHECK)), RECHECK, "latest reading shows none");
    refused(next(PAID, NOW.plus(RECHECK.multipliedBy(7))), RECHECK, "latest reading shows none");
  }

  @Test
  void aKeyWhoseSpendLimitIsUsedUpHoldsPaidTrafficProbeIncluded() {
    outOfCreditsAt(NOW);

    engine.learnKey(KeyInfo.parse(bytes("{\"data\":{\"label\":\"k\",\"limit\":5,\"limit_remaining\":0,\"usage\":5}}")),
        NOW.plusSeconds(1));

    refused(next(PAID, NOW.plus(RECHECK)), RECHECK, "latest reading shows none");
  }

  @Test
  void aKeyReadingWithAllowanceLeftDoesNotRestorePaidTraffic() {
    outOfCreditsAt(NOW);

    engine.learnKey(KeyInfo.parse(bytes("{\"data\":{\"label\":\"k\",\"limit\":5,\"limit_remaining\":4.5,\"usage\":0.5}}")),
        NOW.plusSeconds(1));

    refused(next(PAID, NOW.plusSeconds(2)), RECHECK.minusSeconds(2));
    assertThat(next(PAID, NOW.plus(RECHECK))).as("it leaves it to the probe").isInstanceOf(Step.Send.class);
  }

  @Test
  void aProbeHeldBackByAnotherGateIsGivenBackForTheNextPaidRequest() {
    for (int i = 0; i < 4; i++) {
      plan(PAID, NOW).next(NOW); // in flight: PAID is at its concurrency limit of 4
    }
    outOfCreditsAt(OTHER_PAID, NOW);
    Instant due = NOW.plus(RECHECK);

    assertThat(next(PAID, due)).isInstanceOfSatisfying(Step.Wait.class,
        wait -> assertThat(wait.reason()).isEqualTo(Step.Reason.AT_CONCURRENCY_LIMIT));

    assertThat(next(OTHER_PAID, due)).isInstanceOf(Step.Send.class);
  }

  @Test
  void aCancelledProbeLetsTheNextPaidRequestProbe() {
    outOfCreditsAt(NOW);
    Instant due = NOW.plus(RECHECK);
    RequestPlan probe = plan(PAID, due);
    probe.next(due);

    probe.cancel();

    assertThat(next(PAID, due)).isInstanceOf(Step.Send.class);
  }
}
