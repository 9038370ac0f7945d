package io.sluice.engine;

import static io.sluice.engine.outcome.OutcomeType.OVERLOADED;
import static io.sluice.engine.outcome.OutcomeType.PROVIDER_THROTTLED;
import static io.sluice.engine.outcome.OutcomeType.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.breaker.BreakerConfig;
import io.sluice.engine.outcome.OutcomeType;
import io.sluice.engine.route.ModelInfo;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The providers an attempt avoids ({@link Step.Send#avoidProviders}), learned from what earlier
 * attempts came to, on fixed instants. Breakers open at half of 5 calls for 30 s, one probe each.
 */
class ProviderSteeringTest {

  private static final Instant NOW = Instant.parse("2026-10-10T15:00:00Z");
  private static final String MODEL = "deepseek/deepseek-chat-v3.1";
  private static final String OTHER = "qwen/qwen3-coder";
  private static final BreakerConfig ONE_PROBE = new BreakerConfig(Duration.ofSeconds(60), 5, 0.5, Duration.ofSeconds(30), 1);

  private final TrafficEngine engine = new TrafficEngine(EngineConfig.defaults().withBreakers(ONE_PROBE),
      new SplittableRandom(1));

  {
    engine.updateCatalog(List.of(model(MODEL), model(OTHER)));
  }

  private static ModelInfo model(String id) {
    return new ModelInfo(id, 128_000, new BigDecimal("0.000001"), new BigDecimal("0.000001"), Set.of("tools"));
  }

  /** A request's first step, which must be a send. */
  private static Step.Send sends(RequestPlan plan, Instant at) {
    return (Step.Send) plan.next(at);
  }

  private static void cameBack(RequestPlan plan, String model, OutcomeType type, String provider, Instant at,
      Instant retryAt) {
    plan.report(new Attempt.Classified(model, Outcomes.of(type, provider, retryAt), false), at);
  }

  /** One request on {@code model} that the upstream served from {@code provider} with {@code type}. */
  private Step.Send call(String model, OutcomeType type, String provider, Instant at) {
    RequestPlan plan = engine.plan(RequestSpec.model(model, at).withDeadline(Duration.ofMinutes(5)));
    Step.Send send = sends(plan, at);
    cameBack(plan, model, type, provider, at, null);
    return send;
  }

  private Step.Send next(String model, Instant at) {
    return sends(engine.plan(RequestSpec.model(model, at)), at);
  }

  @Test
  void aProviderWhoseBreakerOpenedIsAvoidedWhileTheModelKeepsServing() {
    call(MODEL, SUCCESS, "Steady", NOW);
    for (int i = 0; i < 5; i++) {
      assertThat(call(MODEL, OVERLOADED, "Flaky", NOW).avoidProviders()).isEmpty();
    }

    Step step = engine.plan(RequestSpec.model(MODEL, NOW)).next(NOW);

    assertThat(step).as("the model's breaker did not open: its other provider serves")
        .isInstanceOfSatisfying(Step.Send.class, send -> assertThat(send.avoidProviders()).containsExactly("Flaky"));
    assertThat(next(MODEL, NOW.plusSeconds(29)).avoidProviders()).containsExactly("Flaky");
  }

  @Test
  void failuresOfAModelsOnlyKnownProviderOpenTheModelsBreaker() {
    for (int i = 0; i < 5; i++) {
      call(MODEL, OVERLOADED, "Flaky", NOW);
    }

    assertThat(engine.plan(RequestSpec.model(MODEL, NOW)).next(NOW))
        .isEqualTo(new Step.Wait(NOW.plusSeconds(30), Step.Reason.BREAKER_OPEN));
  }

  @Test
  void whenEveryProviderKnownToServeTheModelWouldBeAvoidedNoneIs() {
    call(MODEL, SUCCESS, "Steady", NOW);
    for (int i = 0; i < 5; i++) {
      call(MODEL, OVERLOADED, "Flaky", NOW);
      call(OTHER, OVERLOADED, "Steady", NOW); // Steady fails on another model: its breaker opens too
    }

    Step.Send send = next(MODEL, NOW.plusSeconds(1));

    assertThat(send.avoidProviders()).as("the upstream must still have somewhere to send it").isEmpty();
  }

  @Test
  void aThrottledProviderCoolsDownForThatModelAloneAndTheModelDoesNot() {
    call(MODEL, SUCCESS, "Steady", NOW);
    call(OTHER, SUCCESS, "Steady", NOW);
    call(OTHER, SUCCESS, "Flaky", NOW);
    RequestPlan throttled = engine.plan(RequestSpec.model(MODEL, NOW));
    sends(throttled, NOW);
    cameBack(throttled, MODEL, PROVIDER_THROTTLED, "Flaky", NOW, NOW.plusSeconds(20));

    assertThat(next(MODEL, NOW.plusSeconds(1)).avoidProviders()).containsExactly("Flaky");
    assertThat(next(OTHER, NOW.plusSeconds(1)).avoidProviders()).isEmpty();
    assertThat(next(MODEL, NOW.plusSeconds(20)).avoidProviders()).isEmpty();
  }

  @Test
  void aHalfOpenProviderIsLeftReachableForOneProbeAtATimeUntilOneReachesIt() {
    Instant halfOpen = NOW.plusSeconds(30);
    RequestPlan probe = holdingFlakysProbe(halfOpen);

    assertThat(next(MODEL, halfOpen).avoidProviders()).as("its one probe is out").containsExactly("Flaky");

    cameBack(probe, MODEL, SUCCESS, "Steady", halfOpen, null); // the upstream sent it elsewhere
    RequestPlan again = engine.plan(RequestSpec.model(MODEL, halfOpen));
    assertThat(sends(again, halfOpen).avoidProviders()).as("the unused probe went back").isEmpty();

    cameBack(again, MODEL, SUCCESS, "Flaky", halfOpen, null);
    assertThat(next(MODEL, halfOpen).avoidProviders()).isEmpty();
    assertThat(next(MODEL, halfOpen).avoidProviders()).as("closed: no probe to hold").isEmpty();
  }

  @Test
  void aProbeThatFailsOnTheProviderReopensIt() {
    Instant halfOpen = NOW.plusSeconds(30);
    RequestPlan probe = holdingFlakysProbe(halfOpen);

    cameBack(probe, MODEL, OVERLOADED, "Flaky", halfOpen, null);

    assertThat(next(MODEL, halfOpen.plusSeconds(29)).avoidProviders()).containsExactly("Flaky");
  }

  @Test
  void aCancelledAttemptGivesItsProviderProbeBack() {
    Instant halfOpen = NOW.plusSeconds(30);
    RequestPlan cancelled = holdingFlakysProbe(halfOpen);

    cancelled.cancel();

    assertThat(next(MODEL, halfOpen).avoidProviders()).isEmpty();
  }

  /** Flaky's breaker opened at {@code NOW}; at {@code halfOpen}, a request whose attempt holds its one probe. */
  private RequestPlan holdingFlakysProbe(Instant halfOpen) {
    call(MODEL, SUCCESS, "Steady", NOW);
    for (int i = 0; i < 5; i++) {
      call(MODEL, OVERLOADED, "Flaky", NOW);
    }
    assertThat(next(MODEL, NOW).avoidProviders()).containsExactly("Flaky");
    RequestPlan probe = engine.plan(RequestSpec.model(MODEL, halfOpen));
    assertThat(sends(probe, halfOpen).avoidProviders()).as("not avoided: it holds the probe").isEmpty();
    return probe;
  }
}
