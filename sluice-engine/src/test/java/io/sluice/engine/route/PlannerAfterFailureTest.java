package io.sluice.engine.route;

import static io.sluice.engine.route.Models.CATALOG;
import static io.sluice.engine.route.Models.FREE_LARGE;
import static io.sluice.engine.route.Models.FREE_SMALL;
import static io.sluice.engine.route.Models.PAID_HUGE;
import static io.sluice.engine.route.Models.PAID_LARGE;
import static io.sluice.engine.route.Models.PAID_SMALL;
import static io.sluice.engine.route.Models.outcome;
import static io.sluice.engine.route.Models.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.engine.outcome.Classifier;
import io.sluice.engine.outcome.GatewayFailure;
import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.outcome.OutcomeType;
import io.sluice.engine.route.Decision.Fail;
import io.sluice.engine.route.Decision.FallBack;
import io.sluice.engine.route.Decision.RetrySame;
import io.sluice.testing.FakeClock;
import io.sluice.testing.WireBodies;
import io.sluice.upstream.openrouter.ResponseHeaders;
import io.sluice.upstream.openrouter.UpstreamErrors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PlannerAfterFailureTest {

  private static final Instant NOW = Instant.parse("2026-10-10T15:00:00Z");
  private static final Instant MIDNIGHT = Instant.parse("2026-10-11T00:00:00Z");

  private final FakeClock clock = new FakeClock(NOW);
  private final Plan all = plan(route(FREE_SMALL, FREE_LARGE, PAID_SMALL, PAID_LARGE, PAID_HUGE));

  @ParameterizedTest
  @EnumSource(value = OutcomeType.class, names = {"BAD_REQUEST", "AUTH", "MODERATION", "KEY_LIMIT", "UNKNOWN"})
  void whatNoOtherModelCanFixFailsAtOnce(OutcomeType type) {
    Decision decision = Planner.afterFailure(all, FREE_SMALL.id(), outcome(type), 1, NOW);

    assertThat(decision).isInstanceOf(Fail.class);
    Fail fail = (Fail) decision;
    assertThat(fail.cause()).isEqualTo(type);
    assertThat(fail.reason()).startsWith(FREE_SMALL.id() + " failed (" + type + ": ")
        .endsWith("; no other model can help with that.");
    assertThat(fail.retryAfter()).isNull();
  }

  @Test
  void anOverloadedModelFallsBackToTheNextCandidate() {
    Decision decision = Planner.afterFailure(all, FREE_SMALL.id(), outcome(OutcomeType.OVERLOADED), 1, NOW);

    assertThat(decision).isEqualTo(new FallBack(FREE_LARGE.id(), all));
  }

  @Test
  void withNoCandidateLeftARetryableOutcomeRetriesTheSameModelNotBeforeTheUpstreamsInstant() {
    Plan one = plan(route(PAID_LARGE));
    Instant retryAt = NOW.plusSeconds(40);

    Decision first = Planner.afterFailure(one, PAID_LARGE.id(), outcome(OutcomeType.PROVIDER_THROTTLED, retryAt), 1, NOW);
    Decision second = Planner.afterFailure(one, PAID_LARGE.id(), outcome(OutcomeType.PROVIDER_THROTTLED, retryAt), 2, NOW);

    assertThat(first).isEqualTo(new RetrySame(PAID_LARGE.id(), retryAt));
    assertThat(second).isEqualTo(new Fail(OutcomeType.PROVIDER_THROTTLED, PAID_LARGE.id()
        + " failed (PROVIDER_THROTTLED: provider_throttled here); no candidate is left that could serve it.",
        Duration.ofSeconds(40)));
  }

  @Test
  void aTimeoutRetriesOnceAtMostWhateverTheRouteAllows() {
    Plan one = plan(route(PAID_LARGE).withMaxAttemptsPerModel(5));

    assertThat(Planner.afterFailure(one, PAID_LARGE.id(), outcome(OutcomeType.TIMEOUT), 1, NOW))
        .isEqualTo(new RetrySame(PAID_LARGE.id(), null));
    assertThat(Planner.afterFailure(one, PAID_LARGE.id(), outcome(OutcomeType.TIMEOUT), 2, NOW)).isInstanceOf(Fail.class);
    assertThat(Planner.afterFailure(one, PAID_LARGE.id(), outcome(OutcomeType.OVERLOADED), 4, NOW))
        .isInstanceOf(RetrySame.class);
    assertThat(Planner.afterFailure(one, PAID_LARGE.id(), outcome(OutcomeType.OVERLOADED), 5, NOW))
        .isInstanceOf(Fail.class);
  }

  @Test
  void aContextErrorMovesOnlyToALargerWindowAndRemembersItForTheRestOfTheRequest() {
    Plan plan = plan(route(PAID_LARGE, PAID_SMALL, FREE_LARGE, PAID_HUGE));

    Decision afterContext = Planner.afterFailure(plan, PAID_LARGE.id(), outcome(OutcomeType.CONTEXT_TOO_LONG), 1, NOW);
    assertThat(afterContext).extracting(d -> ((FallBack) d).model()).isEqualTo(PAID_HUGE.id());

    Plan learned = ((FallBack) afterContext).plan();
    Decision afterHuge = Planner.afterFailure(learned, PAID_HUGE.id(), outcome(OutcomeType.CONTEXT_TOO_LONG), 1, NOW);
    assertThat(afterHuge).isInstanceOf(Fail.class);
    assertThat(((Fail) afterHuge).reason()).contains("none after it has a context window larger than 1048576");
  }

  @Test
  void aContextErrorIsNeverRetriedOnTheSameModel() {
    Plan one = plan(route(PAID_HUGE).withMaxAttemptsPerModel(10));

    assertThat(Planner.afterFailure(one, PAID_HUGE.id(), outcome(OutcomeType.CONTEXT_TOO_LONG), 1, NOW))
        .isInstanceOf(Fail.class);
  }

  @Test
  void aLaterFailureAfterAContextErrorStillSkipsWindowsTooSmall() {
    Plan plan = plan(route(FREE_LARGE, PAID_LARGE, PAID_SMALL, PAID_HUGE));

    Plan learned = ((FallBack) Planner.afterFailure(plan, FREE_LARGE.id(), outcome(OutcomeType.CONTEXT_TOO_LONG), 1, NOW))
        .plan();
    Decision afterOverload = Planner.afterFailure(learned, PAID_LARGE.id(), outcome(OutcomeType.OVERLOADED), 1, NOW);

    assertThat(afterOverload).extracting(d -> ((FallBack) d).model()).isEqualTo(PAID_HUGE.id());
  }

  @Test
  void aFreeDailyCapSkipsEveryFreeCandidateForTheRestOfTheRequest() {
    Outcome cap = freeDailyCap();
    Plan plan = plan(route(FREE_SMALL, PAID_SMALL, FREE_LARGE, PAID_LARGE));

    Decision decision = Planner.afterFailure(plan, FREE_SMALL.id(), cap, 1, NOW);
    assertThat(decision).extracting(d -> ((FallBack) d).model()).isEqualTo(PAID_SMALL.id());

    Plan learned = ((FallBack) decision).plan();
    Decision next = Planner.afterFailure(learned, PAID_SMALL.id(), outcome(OutcomeType.OVERLOADED), 1, NOW);
    assertThat(next).extracting(d -> ((FallBack) d).model()).isEqualTo(PAID_LARGE.id());
  }

  @Test
  void aFreeDailyCapOnAFreeOnlyRouteFailsUntilTheResetAndSaysWhen() {
    Outcome cap = freeDailyCap();
    Plan plan = plan(route(FREE_SMALL, PAID_SMALL, FREE_LARGE).withAllowPaid(false));

    Decision decision = Planner.afterFailure(plan, FREE_SMALL.id(), cap, 1, NOW);

    assertThat(decision).isInstanceOf(Fail.class);
    Fail fail = (Fail) decision;
    assertThat(fail.cause()).isEqualTo(OutcomeType.FREE_DAILY_CAP);
    assertThat(fail.retryAfter()).isEqualTo(Duration.between(NOW, cap.retryAt()));
    assertThat(fail.reason()).contains("free models reopen at " + cap.retryAt())
        .contains(PAID_SMALL.id() + " (paid, and the route allows no paid models)");
  }

  @Test
  void outOfCreditsSkipsEveryPaidCandidateAndFallsBackToAFreeOne() {
    Plan plan = plan(route(PAID_SMALL, PAID_LARGE, FREE_LARGE));

    Decision decision = Planner.afterFailure(plan, PAID_SMALL.id(), outcome(OutcomeType.OUT_OF_CREDITS), 1, NOW);

    assertThat(decision).extracting(d -> ((FallBack) d).model()).isEqualTo(FREE_LARGE.id());
    assertThat(Planner.afterFailure(plan(route(PAID_SMALL, PAID_LARGE)), PAID_SMALL.id(),
        outcome(OutcomeType.OUT_OF_CREDITS), 1, NOW)).isInstanceOf(Fail.class);
  }

  @Test
  void aPerMinuteLimitOnAFreeModelSkipsTheOtherFreeOnesOrWaitsForTheWindow() {
    Instant windowOpens = NOW.plusSeconds(12);
    Outcome perMinute = outcome(OutcomeType.ACCOUNT_PER_MINUTE, windowOpens);

    assertThat(Planner.afterFailure(all, FREE_SMALL.id(), perMinute, 1, NOW))
        .extracting(d -> ((FallBack) d).model()).isEqualTo(PAID_SMALL.id());
    assertThat(Planner.afterFailure(plan(route(FREE_SMALL, FREE_LARGE)), FREE_SMALL.id(), perMinute, 1, NOW))
        .isEqualTo(new RetrySame(FREE_SMALL.id(), windowOpens));
  }

  @Test
  void theInFlightBudgetSkipsThePaidCandidates() {
    Outcome budget = outcome(OutcomeType.CREDITS_IN_FLIGHT, NOW.plusSeconds(3));

    assertThat(Planner.afterFailure(plan(route(PAID_SMALL, PAID_LARGE, FREE_LARGE)), PAID_SMALL.id(), budget, 1, NOW))
        .extracting(d -> ((FallBack) d).model()).isEqualTo(FREE_LARGE.id());
    assertThat(Planner.afterFailure(plan(route(PAID_SMALL, PAID_LARGE)), PAID_SMALL.id(), budget, 1, NOW))
        .isEqualTo(new RetrySame(PAID_SMALL.id(), NOW.plusSeconds(3)));
  }

  @Test
  void aRouteThatDoesNotFallBackOnATypeRetriesOrFailsSayingSo() {
    Plan plan = plan(route(PAID_SMALL, PAID_LARGE).withFallbackOn(Set.of(OutcomeType.OVERLOADED)));

    assertThat(Planner.afterFailure(plan, PAID_SMALL.id(), outcome(OutcomeType.TIMEOUT), 1, NOW))
        .isEqualTo(new RetrySame(PAID_SMALL.id(), null));
    Decision noEndpoint = Planner.afterFailure(plan, PAID_SMALL.id(), outcome(OutcomeType.NO_ENDPOINT), 1, NOW);
    assertThat(((Fail) noEndpoint).reason()).endsWith("; the route does not fall back on NO_ENDPOINT.");
  }

  @Test
  void aFailureAfterTheResponseStartedIsNeitherRetriedNorReplaced() {
    Outcome midStream = Classifier.classify(GatewayFailure.FIRST_BYTE_TIMEOUT, true, NOW);

    assertThat(Planner.afterFailure(all, FREE_SMALL.id(), midStream, 1, NOW)).isInstanceOf(Fail.class);
  }

  @Test
  void aRetryInstantAlreadyPastGivesARetryAfterOfZero() {
    Decision decision = Planner.afterFailure(plan(route(PAID_LARGE).withMaxAttemptsPerModel(1)), PAID_LARGE.id(),
        outcome(OutcomeType.OVERLOADED, NOW.minusSeconds(1)), 1, NOW);

    assertThat(((Fail) decision).retryAfter()).isZero();
  }

  @Test
  void misuseIsRefused() {
    assertThatThrownBy(() -> Planner.afterFailure(all, "acme/elsewhere", outcome(OutcomeType.OVERLOADED), 1, NOW))
        .hasMessageContaining("acme/elsewhere is not a candidate");
    assertThatThrownBy(() -> Planner.afterFailure(all, FREE_SMALL.id(), outcome(OutcomeType.SUCCESS), 1, NOW))
        .hasMessageContaining("successful");
    assertThatThrownBy(() -> Planner.afterFailure(all, FREE_SMALL.id(), outcome(OutcomeType.OVERLOADED), 0, NOW))
        .hasMessageContaining("was 0");
  }

  private Outcome freeDailyCap() {
    return Classifier.classify(UpstreamErrors.fromErrorResponse(429, ResponseHeaders.none(),
        WireBodies.FREE_PER_DAY_HIGH_BALANCE.getBytes(StandardCharsets.UTF_8)), clock.instant());
  }

  private static Plan plan(RoutePolicy policy) {
    return Planner.candidates(policy, RequestNeeds.of(1_000, 1_000), CATALOG);
  }
}
