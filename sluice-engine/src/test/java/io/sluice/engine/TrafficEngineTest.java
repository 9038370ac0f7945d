package io.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.outcome.OutcomeType;
import io.sluice.engine.pacing.FreeModelLimits;
import io.sluice.engine.retry.RetryBudgetLimits;
import io.sluice.engine.route.ModelInfo;
import io.sluice.engine.route.RequestNeeds;
import io.sluice.engine.route.RoutePolicy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import io.sluice.engine.pacing.AdaptiveLimitConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The facade's composition rules, on fixed instants. */
class TrafficEngineTest {

  private static final Instant NOW = Instant.parse("2026-10-10T15:00:00Z");
  private static final Instant MIDNIGHT = Instant.parse("2026-10-11T00:00:00Z");

  private static final ModelInfo FREE = model("meta-llama/llama-3.3-70b-instruct:free", 65_536, "0");
  private static final ModelInfo FREE_SMALL = model("meta-llama/llama-3.2-3b-instruct:free", 8_192, "0");
  private static final ModelInfo PAID = model("openai/gpt-4o-mini", 128_000, "0.00000015");
  private static final ModelInfo PAID_SMALL = model("mistralai/mistral-nemo", 16_384, "0.00000002");
  private static final ModelInfo PAID_HUGE = model("google/gemini-2.5-flash", 1_048_576, "0.0000003");


  /** Jitter at half the ceiling, so a backoff is exactly known. */
  private static final RandomGenerator HALF_DOUBLE = new RandomGenerator() {
    @Override
    public long nextLong() {
      return 0;
    }

    @Override
    public double nextDouble() {
      return 0.5;
    }
  };

  private TrafficEngine engine(EngineConfig config) {
    TrafficEngine engine = new TrafficEngine(config, HALF_DOUBLE);
    engine.updateCatalog(List.of(FREE, FREE_SMALL, PAID, PAID_SMALL, PAID_HUGE));
    return engine;
  }

  private final TrafficEngine engine = engine(EngineConfig.defaults());

  @Test
  void aSuccessIsDoneAndRecordsNothingFurther() {
    RequestPlan plan = engine.plan(RequestSpec.model(PAID.id(), NOW));
    Step.Send send = (Step.Send) plan.next(NOW);
    assertThat(send).isEqualTo(new Step.Send(PAID.id(), 1, false, null));
    assertThat(plan.report(ok(PAID), NOW)).isInstanceOf(Verdict.Done.class);
    assertThatThrownBy(() -> plan.next(NOW)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void fallbackIsPreferredOverRetryWhenTheCauseAndRouteAllowIt() {
    RequestPlan plan = engine.plan(RequestSpec.route(route(PAID, PAID_HUGE), RequestNeeds.of(100, 100), NOW));
    plan.next(NOW);
    Verdict verdict = plan.report(failed(PAID, OutcomeType.OVERLOADED, null), NOW);
    assertThat(verdict).isInstanceOfSatisfying(Verdict.Retry.class, retry -> {
      assertThat(retry.model()).isEqualTo(PAID_HUGE.id());
      assertThat(retry.fallback()).isTrue();
      assertThat(retry.at()).isEqualTo(NOW);
    });
    assertThat(plan.next(NOW)).isEqualTo(new Step.Send(PAID_HUGE.id(), 2, true, null));
  }

  @Test
  void withoutAFallbackTheSameModelIsRetriedAfterTheBackoff() {
    RequestPlan plan = engine.plan(RequestSpec.model(PAID.id(), NOW));
    plan.next(NOW);
    Verdict verdict = plan.report(failed(PAID, OutcomeType.OVERLOADED, null), NOW);
    Instant at = NOW.plusMillis(125); // half of the first ceiling, 250 ms
    assertThat(verdict).isInstanceOfSatisfying(Verdict.Retry.class, retry -> {
      assertThat(retry.model()).isEqualTo(PAID.id());
      assertThat(retry.fallback()).isFalse();
      assertThat(retry.at()).isEqualTo(at);
    });
    assertThat(plan.next(NOW.plusMillis(100))).isEqualTo(new Step.Wait(at, Step.Reason.BACKOFF));
    assertThat(plan.next(at)).isEqualTo(new Step.Send(PAID.id(), 2, false, null));
  }

  @Test
  void aModelIsNeverRevisitedExceptByARetry() {
    RequestPlan plan = engine.plan(RequestSpec.route(route(PAID, PAID_HUGE), RequestNeeds.of(100, 100), NOW));
    plan.next(NOW);
    plan.report(failed(PAID, OutcomeType.OVERLOADED, null), NOW);
    plan.next(NOW);
    // The second candidate fails the same way: the first is behind it, so it retries in place.
    Verdict verdict = plan.report(failed(PAID_HUGE, OutcomeType.OVERLOADED, null), NOW);
    assertThat(verdict).isInstanceOfSatisfying(Verdict.Retry.class,
        retry -> assertThat(retry.model()).isEqualTo(PAID_HUGE.id()));
    Step third = plan.next(NOW.plusSeconds(1));
    assertThat(third).isEqualTo(new Step.Send(PAID_HUGE.id(), 3, true, null));
    // Three attempts are the default most: it gives up rather than going back to the first.
    assertThat(plan.report(failed(PAID_HUGE, OutcomeType.OVERLOADED, null), NOW.plusSeconds(1)))
        .isInstanceOfSatisfying(Verdict.GiveUp.class, giveUp -> {
          assertThat(giveUp.cause()).isEqualTo(OutcomeType.OVERLOADED);
          assertThat(giveUp.message()).contains("3 attempts");
        });
  }

  @Test
  void aRetryWhoseHintFallsAfterTheDeadlineGivesUpAtOnceWithTheHint() {
    RequestPlan plan = engine.plan(RequestSpec.model(PAID.id(), NOW).withDeadline(Duration.ofSeconds(5)));
    plan.next(NOW);
    Verdict verdict = plan.report(failed(PAID, OutcomeType.PROVIDER_THROTTLED, NOW.plusSeconds(8)), NOW);
    assertThat(verdict).isInstanceOfSatisfying(Verdict.GiveUp.class, giveUp -> {
      assertThat(giveUp.retryAfter()).isEqualTo(Duration.ofSeconds(8));
      assertThat(giveUp.message()).contains("deadline");
    });
  }

  @Test
  void nothingIsSentAtOrAfterTheDeadline() {
    RequestPlan plan = engine.plan(RequestSpec.model(PAID.id(), NOW).withDeadline(Duration.ofSeconds(5)));
    assertThat(plan.next(NOW.plusSeconds(5)))
        .isInstanceOfSatisfying(Step.Refuse.class, r -> assertThat(r.reason()).isEqualTo(Step.Reason.DEADLINE));
  }

  @Test
  void aWaitNeverReachesTheDeadline() {
    EngineConfig config = EngineConfig.defaults().withFreeModels(FreeModelLimits.perDay(1000));
    TrafficEngine paced = engine(config);
    for (int i = 0; i < FreeModelLimits.REQUESTS_PER_MINUTE; i++) {
      RequestPlan plan = paced.plan(RequestSpec.model(FREE.id(), NOW));
      plan.next(NOW);
      plan.report(ok(FREE), NOW);
    }
    // The window reopens at NOW + 60 s: a request due before then is refused at once, not held.
    RequestPlan late = paced.plan(RequestSpec.model(FREE.id(), NOW.plusSeconds(40)).withDeadline(Duration.ofSeconds(15)));
    assertThat(late.next(NOW.plusSeconds(40))).isInstanceOfSatisfying(Step.Refuse.class, refuse -> {
      assertThat(refuse.reason()).isEqualTo(Step.Reason.DEADLINE);
      assertThat(refuse.retryAfter()).isEqualTo(Duration.ofSeconds(20));
    });
    // A wait longer than maxWait (30 s) is refused too, with the limit that holds it.
    RequestPlan early = paced.plan(RequestSpec.model(FREE.id(), NOW.plusSeconds(10)));
    assertThat(early.next(NOW.plusSeconds(10))).isInstanceOfSatisfying(Step.Refuse.class, refuse -> {
      assertThat(refuse.reason()).isEqualTo(Step.Reason.FREE_MINUTE_WINDOW);
      assertThat(refuse.retryAfter()).isEqualTo(Duration.ofSeconds(50));
    });
    // One with time enough waits for the window.
    RequestPlan patient = paced.plan(RequestSpec.model(FREE.id(), NOW.plusSeconds(40)));
    assertThat(patient.next(NOW.plusSeconds(40)))
        .isEqualTo(new Step.Wait(NOW.plusSeconds(60), Step.Reason.FREE_MINUTE_WINDOW, Step.Wait.FREE_MODELS));
    assertThat(patient.next(NOW.plusSeconds(60))).isInstanceOf(Step.Send.class);
  }

  @Test
  void aModelAtItsConcurrencyLimitHoldsTheRequestInThatModelsLine() {
    AdaptiveLimitConfig one = AdaptiveLimitConfig.defaults();
    TrafficEngine engine = engine(EngineConfig.defaults().withAdaptiveLimits(new AdaptiveLimitConfig(
        1, 1, one.maxLimit(), one.decreaseFactor(), one.maxCoolDown(), one.maxKeys())));
    RequestPlan first = engine.plan(RequestSpec.model(PAID.id(), NOW));
    assertThat(first.next(NOW)).isInstanceOf(Step.Send.class);

    RequestPlan second = engine.plan(RequestSpec.model(PAID.id(), NOW));

    assertThat(second.next(NOW)).isEqualTo(new Step.Wait(NOW.plus(engine.config().busyRecheck()),
        Step.Reason.AT_CONCURRENCY_LIMIT, "model:" + PAID.id()));
    first.report(Attempt.of(PAID.id(), 200, name -> null, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)), NOW);
    assertThat(second.next(NOW)).as("the slot came back").isInstanceOf(Step.Send.class);
  }

  @Test
  void theRetryBudgetSharedByAllTrafficBoundsRetriesOfTheSameModelButNotFallbacks() {
    TrafficEngine stingy = engine(EngineConfig.defaults()
        .withRetryBudget(new RetryBudgetLimits(0, Duration.ofSeconds(60), Duration.ofSeconds(10), 1)));
    RequestPlan first = stingy.plan(RequestSpec.model(PAID.id(), NOW));
    first.next(NOW);
    assertThat(first.report(failed(PAID, OutcomeType.TIMEOUT, null), NOW)).isInstanceOf(Verdict.Retry.class);

    RequestPlan second = stingy.plan(RequestSpec.model(PAID.id(), NOW));
    second.next(NOW);
    assertThat(second.report(failed(PAID, OutcomeType.TIMEOUT, null), NOW))
        .isInstanceOfSatisfying(Verdict.GiveUp.class, giveUp -> assertThat(giveUp.message()).contains("retry budget"));

    RequestPlan withFallback = stingy.plan(RequestSpec.route(route(PAID, PAID_HUGE), RequestNeeds.of(1, 1), NOW));
    withFallback.next(NOW);
    assertThat(withFallback.report(failed(PAID, OutcomeType.OVERLOADED, null), NOW))
        .as("the budget is spent, but a fallback goes elsewhere")
        .isInstanceOfSatisfying(Verdict.Retry.class, retry -> assertThat(retry.model()).isEqualTo(PAID_HUGE.id()));
  }

  @Test
  void theDailyFreeCapRefusesWithTheResetOrMovesToAPaidCandidateWhereAllowed() {
    TrafficEngine capped = engine(EngineConfig.defaults().withFreeModels(FreeModelLimits.perDay(2)));
    for (int i = 0; i < 2; i++) {
      RequestPlan plan = capped.plan(RequestSpec.model(FREE.id(), NOW));
      assertThat(plan.next(NOW)).isInstanceOf(Step.Send.class);
      plan.report(ok(FREE), NOW);
    }
    RequestPlan freeOnly = capped.plan(RequestSpec.model(FREE.id(), NOW));
    assertThat(freeOnly.next(NOW)).isInstanceOfSatisfying(Step.Refuse.class, refuse -> {
      assertThat(refuse.reason()).isEqualTo(Step.Reason.FREE_DAILY_CAP);
      assertThat(refuse.retryAfter()).isEqualTo(Duration.between(NOW, MIDNIGHT));
      assertThat(refuse.message()).contains(MIDNIGHT.toString());
    });

    RequestPlan withPaid = capped.plan(RequestSpec.route(route(FREE, FREE_SMALL, PAID), RequestNeeds.of(1, 1), NOW));
    assertThat(withPaid.next(NOW)).isEqualTo(new Step.Send(PAID.id(), 1, true, null));

    RequestPlan paidNotAllowed = capped.plan(RequestSpec.route(route(FREE, PAID).withAllowPaid(false),
        RequestNeeds.of(1, 1), NOW));
    assertThat(paidNotAllowed.next(NOW)).isInstanceOfSatisfying(Step.Refuse.class,
        refuse -> assertThat(refuse.reason()).isEqualTo(Step.Reason.FREE_DAILY_CAP));
  }

  @Test
  void aContextTooLongMovesToALargerContextCandidate() {
    RequestPlan plan = engine.plan(RequestSpec.route(route(PAID_SMALL, PAID, PAID_HUGE), RequestNeeds.of(100, 100), NOW));
    assertThat(plan.next(NOW)).isEqualTo(new Step.Send(PAID_SMALL.id(), 1, false, null));
    assertThat(plan.report(failed(PAID_SMALL, OutcomeType.CONTEXT_TOO_LONG, null), NOW))
        .isInstanceOfSatisfying(Verdict.Retry.class, retry -> assertThat(retry.model()).isEqualTo(PAID.id()));
    plan.next(NOW);
    assertThat(plan.report(failed(PAID, OutcomeType.CONTEXT_TOO_LONG, null), NOW))
        .isInstanceOfSatisfying(Verdict.Retry.class, retry -> assertThat(retry.model()).isEqualTo(PAID_HUGE.id()));
  }

  @Test
  void outOfCreditsStopsPaidCandidatesUntilCreditsAreRestoredWhileFreeOnesStillGo() {
    RequestPlan first = engine.plan(RequestSpec.route(route(PAID, FREE), RequestNeeds.of(1, 1), NOW));
    first.next(NOW);
    assertThat(first.report(failed(PAID, OutcomeType.OUT_OF_CREDITS, null), NOW))
        .isInstanceOfSatisfying(Verdict.Retry.class, retry -> assertThat(retry.model()).isEqualTo(FREE.id()));

    Instant later = NOW.plusSeconds(10);
    RequestPlan paidOnly = engine.plan(RequestSpec.model(PAID.id(), later));
    assertThat(paidOnly.next(later)).isInstanceOfSatisfying(Step.Refuse.class, refuse -> {
      assertThat(refuse.reason()).isEqualTo(Step.Reason.OUT_OF_CREDITS);
      assertThat(refuse.retryAfter()).isEqualTo(Duration.ofMinutes(5).minusSeconds(10));
    });
    RequestPlan mixed = engine.plan(RequestSpec.route(route(PAID, FREE), RequestNeeds.of(1, 1), later));
    assertThat(mixed.next(later)).isInstanceOfSatisfying(Step.Send.class,
        send -> assertThat(send.model()).isEqualTo(FREE.id()));

    assertThat(engine.creditsRestored(later)).isTrue();
    RequestPlan restored = engine.plan(RequestSpec.model(PAID.id(), later));
    assertThat(restored.next(later)).isEqualTo(new Step.Send(PAID.id(), 1, false, null));
  }

  @Test
  void anOpenBreakerMovesTheRequestToTheNextCandidateAtOnce() {
    for (int i = 0; i < 5; i++) {
      RequestPlan plan = engine.plan(RequestSpec.route(route(PAID).withFallbackOn(Set.of()).withMaxAttemptsPerModel(1),
          RequestNeeds.of(1, 1), NOW));
      plan.next(NOW);
      plan.report(failed(PAID, OutcomeType.OVERLOADED, null), NOW);
    }
    RequestPlan plan = engine.plan(RequestSpec.route(route(PAID, PAID_HUGE), RequestNeeds.of(1, 1), NOW));
    assertThat(plan.next(NOW)).isEqualTo(new Step.Send(PAID_HUGE.id(), 1, true, null));
    RequestPlan alone = engine.plan(RequestSpec.model(PAID.id(), NOW));
    assertThat(alone.next(NOW)).isEqualTo(new Step.Wait(NOW.plusSeconds(30), Step.Reason.BREAKER_OPEN));
  }

  @Test
  void aFailureAfterTheResponseStartedIsNeverReplaced() {
    RequestPlan plan = engine.plan(RequestSpec.route(route(PAID, PAID_HUGE), RequestNeeds.of(1, 1), NOW));
    plan.next(NOW);
    Verdict verdict = plan.report(new Attempt.Classified(PAID.id(), outcome(OutcomeType.OVERLOADED, null), true), NOW);
    assertThat(verdict).isInstanceOfSatisfying(Verdict.GiveUp.class,
        giveUp -> assertThat(giveUp.message()).contains("started"));
  }

  @Test
  void aCancelledAttemptGivesItsFreeSlotBack() {
    TrafficEngine one = engine(EngineConfig.defaults().withFreeModels(FreeModelLimits.perDay(1)));
    RequestPlan plan = one.plan(RequestSpec.model(FREE.id(), NOW));
    assertThat(plan.next(NOW)).isInstanceOfSatisfying(Step.Send.class, send -> assertThat(send.permit()).isNotNull());
    plan.cancel();
    RequestPlan again = one.plan(RequestSpec.model(FREE.id(), NOW));
    assertThat(again.next(NOW)).isInstanceOf(Step.Send.class);
  }

  @Test
  void theKeyReadingSetsTheDailyCapAndWhatIsLeftOfIt() {
    TrafficEngine fresh = new TrafficEngine(EngineConfig.defaults(), HALF_DOUBLE);
    fresh.learnKey(KeyInfo.parse(("{\"data\":{\"label\":\"sk-or-v1-abc...123\",\"is_free_tier\":false,"
        + "\"free_model_daily_requests\":{\"limit\":1000,\"remaining\":1,\"used\":999}}}").getBytes(StandardCharsets.UTF_8)),
        NOW);
    assertThat(fresh.freeModelsPerDay()).isEqualTo(1000);
    RequestPlan last = fresh.plan(RequestSpec.model(FREE.id(), NOW));
    assertThat(last.next(NOW)).isInstanceOf(Step.Send.class);
    last.report(ok(FREE), NOW);
    RequestPlan over = fresh.plan(RequestSpec.model(FREE.id(), NOW));
    assertThat(over.next(NOW)).isInstanceOfSatisfying(Step.Refuse.class, refuse -> {
      assertThat(refuse.reason()).isEqualTo(Step.Reason.FREE_DAILY_CAP);
      assertThat(refuse.retryAfter()).isEqualTo(Duration.between(NOW, MIDNIGHT));
    });
  }

  @Test
  void withoutACatalogCandidatesAreTakenAsTheirIdsTellAndFreeOnesArePaced() {
    TrafficEngine bare = new TrafficEngine(EngineConfig.defaults(), HALF_DOUBLE);
    RequestPlan plan = bare.plan(RequestSpec.model(FREE.id(), NOW));
    assertThat(plan.next(NOW)).isInstanceOfSatisfying(Step.Send.class, send -> assertThat(send.permit()).isNotNull());
    RequestPlan paid = bare.plan(RequestSpec.model("some/unknown-model", NOW));
    assertThat(paid.next(NOW)).isInstanceOfSatisfying(Step.Send.class, send -> assertThat(send.permit()).isNull());
  }

  @Test
  void aRouteWithNoEligibleCandidateIsRefusedWithTheExclusions() {
    RequestPlan plan = engine.plan(RequestSpec.route(route(PAID_SMALL), RequestNeeds.of(20_000, 1_000), NOW));
    assertThat(plan.next(NOW)).isInstanceOfSatisfying(Step.Refuse.class, refuse -> {
      assertThat(refuse.reason()).isEqualTo(Step.Reason.NO_CANDIDATE);
      assertThat(refuse.message()).contains("context window 16384");
    });
  }

  @Test
  void reportingWithoutASendIsAnError() {
    RequestPlan plan = engine.plan(RequestSpec.model(PAID.id(), NOW));
    assertThatThrownBy(() -> plan.report(ok(PAID), NOW)).isInstanceOf(IllegalStateException.class);
    plan.next(NOW);
    assertThatThrownBy(() -> plan.next(NOW)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> plan.report(ok(FREE), NOW)).isInstanceOf(IllegalArgumentException.class);
  }

  private static ModelInfo model(String id, int context, String price) {
    return new ModelInfo(id, context, new BigDecimal(price), new BigDecimal(price), Set.of("tools"));
  }

  private static RoutePolicy route(ModelInfo... models) {
    return RoutePolicy.of(List.of(models).stream().map(ModelInfo::id).toList());
  }

  private static Outcome outcome(OutcomeType type, Instant retryAt) {
    return new Outcome(type, 0, false, null, retryAt, Outcome.RateLimit.NONE, null,
        type == OutcomeType.SUCCESS ? "" : type.name(), null);
  }

  private static Attempt ok(ModelInfo model) {
    return new Attempt.Classified(model.id(), outcome(OutcomeType.SUCCESS, null), false);
  }

  private static Attempt failed(ModelInfo model, OutcomeType type, Instant retryAt) {
    return new Attempt.Classified(model.id(), outcome(type, retryAt), false);
  }
}
