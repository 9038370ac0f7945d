package io.sluice.engine.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.engine.outcome.OutcomeType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutePolicyTest {

  @Test
  void theDefaultsFallBackWhereverTheReactionAllowsAndAllowEveryModel() {
    RoutePolicy policy = RoutePolicy.of(List.of("a/one", "b/two"));

    assertThat(policy.fallbackOn()).containsExactlyInAnyOrder(OutcomeType.FREE_DAILY_CAP,
        OutcomeType.ACCOUNT_PER_MINUTE, OutcomeType.PROVIDER_THROTTLED, OutcomeType.OUT_OF_CREDITS,
        OutcomeType.CREDITS_IN_FLIGHT, OutcomeType.NO_ENDPOINT, OutcomeType.OVERLOADED, OutcomeType.TIMEOUT,
        OutcomeType.CONTEXT_TOO_LONG);
    assertThat(policy.maxPrice()).isEqualTo(MaxPrice.NONE);
    assertThat(policy.allowFree()).isTrue();
    assertThat(policy.allowPaid()).isTrue();
    assertThat(policy.maxAttemptsPerModel()).isEqualTo(2);
  }

  @Test
  void aPolicyMayNarrowFallbackButNeverWidenIt() {
    RoutePolicy policy = RoutePolicy.of(List.of("a/one"));

    assertThat(policy.withFallbackOn(Set.of()).fallbackOn()).isEmpty();
    assertThat(policy.withFallbackOn(Set.of(OutcomeType.OVERLOADED)).fallbackOn()).containsExactly(OutcomeType.OVERLOADED);
    assertThatThrownBy(() -> policy.withFallbackOn(Set.of(OutcomeType.OVERLOADED, OutcomeType.BAD_REQUEST)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[BAD_REQUEST]");
  }

  @Test
  void badRoutesAreRefusedWithTheBadValue() {
    assertThatThrownBy(() -> RoutePolicy.of(List.of())).hasMessageContaining("at least one candidate");
    assertThatThrownBy(() -> RoutePolicy.of(List.of("a/one", "a/one"))).hasMessageContaining("[a/one, a/one]");
    assertThatThrownBy(() -> RoutePolicy.of(List.of(" "))).hasMessageContaining("blank");
    RoutePolicy policy = RoutePolicy.of(List.of("a/one"));
    assertThatThrownBy(() -> policy.withAllowFree(false).withAllowPaid(false)).hasMessageContaining("free models, paid");
    assertThatThrownBy(() -> policy.withMaxAttemptsPerModel(0)).hasMessageContaining("was 0");
    assertThatThrownBy(() -> new MaxPrice(BigDecimal.ONE.negate(), null)).hasMessageContaining("-1");
  }

  @Test
  void aPriceCeilingAdmitsKnownPricesWithinItOnEachCappedSide() {
    MaxPrice ceiling = new MaxPrice(new BigDecimal("0.2"), null);

    assertThat(ceiling.admits(Models.PAID_LARGE)).isTrue();
    assertThat(ceiling.admits(Models.PAID_HUGE)).isFalse();
    assertThat(ceiling.admits(new ModelInfo("openrouter/auto", 2_000_000, null, null, Set.of()))).isFalse();
    assertThat(MaxPrice.NONE.admits(new ModelInfo("openrouter/auto", 2_000_000, null, null, Set.of()))).isTrue();
  }

  @Test
  void requestNeedsEstimateAQuarterTokenPerByteAndCapTheClientsModelsAtThree() {
    assertThat(RequestNeeds.estimateTokens(0)).isZero();
    assertThat(RequestNeeds.estimateTokens(1)).isEqualTo(1);
    assertThat(RequestNeeds.estimateTokens(4_001)).isEqualTo(1_001);
    assertThat(RequestNeeds.estimateTokens(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    assertThat(RequestNeeds.of(100, 50).tokensNeeded()).isEqualTo(150);
    assertThat(new RequestNeeds(1, 0, false, false, List.of("a/one", "b/two", "a/one")).clientModels())
        .containsExactly("a/one", "b/two");
    assertThatThrownBy(() -> new RequestNeeds(1, 0, false, false, List.of("a", "b", "c", "d")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(RequestNeeds.TOO_MANY_MODELS);
    assertThatThrownBy(() -> RequestNeeds.of(-1, 0)).hasMessageContaining("-1");
  }
}
