package io.sluice.engine.breaker;

import static io.sluice.engine.outcome.OutcomeType.OVERLOADED;
import static io.sluice.engine.outcome.OutcomeType.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.engine.Outcomes;
import io.sluice.engine.breaker.CircuitBreaker.State;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BreakersTest {

  private static final Instant NOW = Instant.parse("2026-10-10T15:00:00Z");
  private static final String MODEL = "deepseek/deepseek-chat-v3.1";
  private static final String OTHER_MODEL = "qwen/qwen3-coder";

  private final Breakers breakers = new Breakers(BreakerConfig.defaults(), 3);

  @Test
  void aFailingModelIsRejectedWhileOthersFlow() {
    fail(MODEL, null, 5, NOW);

    assertThat(breakers.allow(MODEL, null, NOW)).isEqualTo(new Permission.Rejected(NOW.plusSeconds(30)));
    assertThat(breakers.allow(OTHER_MODEL, null, NOW)).isEqualTo(Permission.ALLOWED);
  }

  @Test
  void theProviderIsLearnedFromOutcomesAndJudgedAcrossModels() {
    fail(MODEL, "Chutes", 3, NOW);
    fail(OTHER_MODEL, "Chutes", 2, NOW);

    assertThat(breakers.openProviders(NOW)).containsExactly("Chutes");
    assertThat(breakers.allow(MODEL, null, NOW)).isEqualTo(Permission.ALLOWED);
    assertThat(breakers.allow(OTHER_MODEL, "Chutes", NOW)).isEqualTo(new Permission.Rejected(NOW.plusSeconds(30)));
    assertThat(breakers.allow(OTHER_MODEL, "DeepInfra", NOW)).isEqualTo(Permission.ALLOWED);
    assertThat(breakers.openProviders(NOW.plusSeconds(30))).isEmpty();
  }

  @Test
  void aModelProbeIsGivenBackWhenItsProviderRejects() {
    fail(MODEL, null, 5, NOW);
    Instant later = NOW.plusSeconds(20);
    fail(OTHER_MODEL, "Chutes", 5, later);
    Instant halfOpen = NOW.plusSeconds(30);

    assertThat(breakers.allow(MODEL, "Chutes", halfOpen)).isEqualTo(new Permission.Rejected(later.plusSeconds(30)));
    assertThat(breakers.allow(MODEL, null, halfOpen)).isEqualTo(Permission.PROBE);
    assertThat(breakers.allow(MODEL, null, halfOpen)).isEqualTo(Permission.PROBE);
  }

  @Test
  void aProbeOnEitherSideIsAProbe() {
    fail(OTHER_MODEL, "Chutes", 5, NOW);

    assertThat(breakers.allow(MODEL, "Chutes", NOW.plusSeconds(30))).isEqualTo(Permission.PROBE);
  }

  @Test
  void aModelProbeSucceedingClosesIt() {
    fail(MODEL, null, 5, NOW);
    Instant halfOpen = NOW.plusSeconds(30);
    for (int i = 0; i < 2; i++) {
      assertThat(breakers.allow(MODEL, null, halfOpen)).isEqualTo(Permission.PROBE);
      breakers.record(MODEL, Outcomes.of(SUCCESS, "DeepInfra", null), halfOpen);
    }

    assertThat(breakers.model(MODEL).state(halfOpen)).isEqualTo(State.CLOSED);
    assertThat(breakers.provider("DeepInfra").state(halfOpen)).isEqualTo(State.CLOSED);
  }

  @Test
  void theLeastRecentlyUsedBeyondTheBoundIsForgottenAndComesBackClosed() {
    fail(MODEL, null, 5, NOW);
    breakers.allow("a", null, NOW);
    breakers.allow("b", null, NOW);
    breakers.allow("c", null, NOW);

    assertThat(breakers.allow(MODEL, null, NOW)).isEqualTo(Permission.ALLOWED);
  }

  @Test
  void useKeepsABreakerHeld() {
    fail(MODEL, null, 5, NOW);
    breakers.allow("a", null, NOW);
    breakers.allow(MODEL, null, NOW);
    breakers.allow("b", null, NOW);

    assertThat(breakers.allow(MODEL, null, NOW)).isInstanceOf(Permission.Rejected.class);
  }

  @Test
  void theProvidersOfAModelAreThoseItsOutcomesNamed() {
    breakers.record(MODEL, Outcomes.of(SUCCESS, "Steady", null), NOW);
    breakers.record(MODEL, Outcomes.of(SUCCESS, null, null), NOW);
    breakers.recordAgainstProvider(MODEL, Outcomes.of(OVERLOADED, "Flaky", null), NOW);
    breakers.record(OTHER_MODEL, Outcomes.of(SUCCESS, "Elsewhere", null), NOW);

    assertThat(breakers.providersOf(MODEL)).containsExactly("Flaky", "Steady");
    assertThat(breakers.providersOf("never/seen")).isEmpty();
  }

  @Test
  void aFailureRecordedAgainstTheProviderLeavesTheModelAlone() {
    for (int i = 0; i < 5; i++) {
      breakers.recordAgainstProvider(MODEL, Outcomes.of(OVERLOADED, "Flaky", null), NOW);
    }

    assertThat(breakers.provider("Flaky").state(NOW)).isEqualTo(State.OPEN);
    assertThat(breakers.model(MODEL).state(NOW)).isEqualTo(State.CLOSED);
  }

  @Test
  void aModelRemembersItsLatestProvidersUpToTheBound() {
    for (int i = 0; i <= Breakers.MAX_PROVIDERS_PER_MODEL; i++) {
      breakers.record(MODEL, Outcomes.of(SUCCESS, "P" + (1000 + i), null), NOW);
    }

    assertThat(breakers.providersOf(MODEL)).hasSize(Breakers.MAX_PROVIDERS_PER_MODEL)
        .doesNotContain("P1000").contains("P" + (1000 + Breakers.MAX_PROVIDERS_PER_MODEL));
  }

  @Test
  void misuseFailsWithTheValueInTheMessage() {
    assertThatThrownBy(() -> new Breakers(BreakerConfig.defaults(), 0)).hasMessageContaining("0");
  }

  private void fail(String model, String provider, int times, Instant at) {
    for (int i = 0; i < times; i++) {
      breakers.record(model, Outcomes.of(OVERLOADED, provider, null), at);
    }
  }
}
