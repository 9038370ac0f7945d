package io.sluice.engine.route;

import static io.sluice.engine.route.Models.CATALOG;
import static io.sluice.engine.route.Models.FREE_LARGE;
import static io.sluice.engine.route.Models.FREE_SMALL;
import static io.sluice.engine.route.Models.PAID_HUGE;
import static io.sluice.engine.route.Models.PAID_LARGE;
import static io.sluice.engine.route.Models.PAID_SMALL;
import static io.sluice.engine.route.Models.route;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.route.Exclusion.Reason;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerCandidatesTest {

  private final RoutePolicy all = route(FREE_SMALL, FREE_LARGE, PAID_SMALL, PAID_LARGE, PAID_HUGE);

  @Test
  void aRequestEveryCandidateCanServeKeepsTheRoutesOrder() {
    Plan plan = Planner.candidates(all, RequestNeeds.of(1_000, 500), CATALOG);

    assertThat(plan.eligible()).containsExactly(FREE_SMALL, FREE_LARGE, PAID_SMALL, PAID_LARGE, PAID_HUGE);
    assertThat(plan.excluded()).isEmpty();
    assertThat(plan.first()).contains(FREE_SMALL);
  }

  @Test
  void theContextWindowMustHoldThePromptEstimatePlusMaxTokens() {
    Plan plan = Planner.candidates(all, RequestNeeds.of(8_000, 193), CATALOG);

    assertThat(plan.first()).contains(FREE_LARGE);
    assertThat(plan.excluded()).containsExactly(new Exclusion(FREE_SMALL.id(), Reason.CONTEXT_TOO_SMALL,
        "context window 8192 < 8193 tokens needed (about 8000 in the prompt + max_tokens 193)"));
    assertThat(Planner.candidates(all, RequestNeeds.of(8_000, 192), CATALOG).first()).contains(FREE_SMALL);
  }

  @Test
  void toolsAndStructuredOutputNeedModelsThatListThem() {
    RoutePolicy policy = route(PAID_SMALL, FREE_LARGE, PAID_LARGE).withMaxPrice(MaxPrice.NONE);
    ModelInfo noTools = Models.model("acme/plain", 32_000, "0.000001", "0.000001", "temperature");
    RoutePolicy withPlain = route(noTools, PAID_LARGE);
    var catalog = new java.util.HashMap<>(CATALOG);
    catalog.put(noTools.id(), noTools);

    Plan structured = Planner.candidates(policy, new RequestNeeds(100, 100, false, true, List.of()), CATALOG);
    Plan tools = Planner.candidates(withPlain, new RequestNeeds(100, 100, true, false, List.of()), catalog);

    assertThat(structured.eligible()).containsExactly(PAID_LARGE);
    assertThat(structured.excluded()).extracting(Exclusion::reason)
        .containsExactly(Reason.NO_STRUCTURED_OUTPUTS, Reason.NO_STRUCTURED_OUTPUTS);
    assertThat(tools.eligible()).containsExactly(PAID_LARGE);
    assertThat(tools.excluded()).extracting(Exclusion::reason).containsExactly(Reason.NO_TOOLS);
  }

  @Test
  void aPriceCeilingPerMillionTokensLeavesOutDearerModels() {
    RoutePolicy policy = all.withMaxPrice(new MaxPrice(new BigDecimal("0.15"), new BigDecimal("1")));

    Plan plan = Planner.candidates(policy, RequestNeeds.of(10, 10), CATALOG);

    assertThat(plan.eligible()).containsExactly(FREE_SMALL, FREE_LARGE, PAID_SMALL, PAID_LARGE);
    assertThat(plan.excluded()).containsExactly(new Exclusion(PAID_HUGE.id(), Reason.OVER_MAX_PRICE,
        "USD 0.3 / 2.5 per million prompt / completion tokens, over 0.15 / 1"));
  }

  @Test
  void aRouteCanAllowOnlyFreeOrOnlyPaidModels() {
    Plan freeOnly = Planner.candidates(all.withAllowPaid(false), RequestNeeds.of(10, 10), CATALOG);
    Plan paidOnly = Planner.candidates(all.withAllowFree(false), RequestNeeds.of(10, 10), CATALOG);

    assertThat(freeOnly.eligible()).containsExactly(FREE_SMALL, FREE_LARGE);
    assertThat(freeOnly.excluded()).extracting(Exclusion::reason).containsOnly(Reason.PAID_NOT_ALLOWED).hasSize(3);
    assertThat(paidOnly.eligible()).containsExactly(PAID_SMALL, PAID_LARGE, PAID_HUGE);
    assertThat(paidOnly.excluded()).extracting(Exclusion::reason).containsOnly(Reason.FREE_NOT_ALLOWED).hasSize(2);
  }

  @Test
  void theClientsOwnModelsListReplacesTheRoutesCandidatesUnderTheSameRules() {
    RequestNeeds needs = new RequestNeeds(10, 10, false, false, List.of(PAID_HUGE.id(), "acme/unknown", FREE_SMALL.id()));

    Plan plan = Planner.candidates(all.withAllowFree(false), needs, CATALOG);

    assertThat(plan.eligible()).containsExactly(PAID_HUGE);
    assertThat(plan.excluded()).extracting(Exclusion::reason)
        .containsExactly(Reason.NOT_IN_CATALOG, Reason.FREE_NOT_ALLOWED);
  }

  @Test
  void withNoCandidateLeftTheRefusalNamesEachAndWhy() {
    Plan plan = Planner.candidates(route(FREE_SMALL, PAID_SMALL), RequestNeeds.of(20_000, 0), CATALOG);

    assertThat(plan.first()).isEmpty();
    assertThat(plan.refusal()).isEqualTo("No candidate model can serve this request: "
        + FREE_SMALL.id() + " (context window 8192 < 20000 tokens needed (about 20000 in the prompt + max_tokens 0)); "
        + PAID_SMALL.id() + " (context window 16384 < 20000 tokens needed (about 20000 in the prompt + max_tokens 0)).");
  }
}
