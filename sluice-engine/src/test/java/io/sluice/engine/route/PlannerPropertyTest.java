package io.sluice.engine.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.outcome.OutcomeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the route and however its attempts fail, a request walks its plan forward: no model is
 * tried twice except by a retry, nothing learned is forgotten, and the walk ends.
 */
class PlannerPropertyTest {

  private static final Instant NOW = Instant.parse("2026-10-10T15:00:00Z");
  private static final List<OutcomeType> FAILURES =
      List.of(OutcomeType.values()).stream().filter(t -> t != OutcomeType.SUCCESS).toList();

  @Property(tries = 500)
  void aRequestNeverRevisitsAModelNorForgetsWhatItLearned(
      @ForAll("routes") List<ModelInfo> candidates, @ForAll("failures") List<OutcomeType> failures) {
    RoutePolicy policy = Models.route(candidates.toArray(ModelInfo[]::new));
    Plan plan = Planner.candidates(policy, RequestNeeds.of(10, 10), Models.CATALOG);
    ModelInfo current = plan.first().orElseThrow();
    Set<String> left = new HashSet<>();
    int attemptsOnCurrent = 1;
    int contextAbove = -1;
    boolean freeClosed = false;
    boolean paidClosed = false;

    for (OutcomeType failure : failures) {
      Decision decision = Planner.afterFailure(plan, current.id(), Models.outcome(failure), attemptsOnCurrent, NOW);
      contextAbove = failure == OutcomeType.CONTEXT_TOO_LONG ? Math.max(contextAbove, current.contextLength()) : contextAbove;
      freeClosed |= failure == OutcomeType.FREE_DAILY_CAP;
      paidClosed |= failure == OutcomeType.OUT_OF_CREDITS;
      switch (decision) {
        case Decision.RetrySame retry -> {
          assertThat(retry.model()).isEqualTo(current.id());
          assertThat(failure.reaction().retryable()).isTrue();
          attemptsOnCurrent++;
          assertThat(attemptsOnCurrent).isLessThanOrEqualTo(policy.maxAttemptsPerModel());
        }
        case Decision.FallBack fallBack -> {
          left.add(current.id());
          current = Models.CATALOG.get(fallBack.model());
          plan = fallBack.plan();
          attemptsOnCurrent = 1;
          assertThat(left).doesNotContain(current.id());
          assertThat(current.contextLength()).isGreaterThan(contextAbove);
          assertThat(current.free() ? freeClosed : paidClosed).isFalse();
        }
        case Decision.Fail fail -> {
          assertThat(fail.cause()).isEqualTo(failure);
          return;
        }
      }
    }
  }

  @Provide
  Arbitrary<List<ModelInfo>> routes() {
    return Arbitraries.of(List.copyOf(Models.CATALOG.values())).list().ofMinSize(1).ofMaxSize(5).uniqueElements()
        .map(ArrayList::new);
  }

  @Provide
  Arbitrary<List<OutcomeType>> failures() {
    return Arbitraries.of(FAILURES).list().ofMinSize(1).ofMaxSize(30);
  }
}
