package io.sluice.engine.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.Outcomes;
import io.sluice.engine.outcome.OutcomeType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link AdaptiveLimit}'s invariants over generated runs on a fake clock: the limit stays within
 * its bounds, an admission never passes the limit, and nothing is admitted during a cool-down.
 */
class AdaptiveLimitPropertyTest {

  private static final Instant START = Instant.parse("2026-10-10T15:00:00Z");
  private static final List<LimitKey> KEYS = List.of(LimitKey.model("m"), LimitKey.provider("p"));
  private static final AdaptiveLimitConfig CONFIG = new AdaptiveLimitConfig(3, 1, 6, 0.5, Duration.ofSeconds(30), 8);

  sealed interface Step {
    record Acquire(int key) implements Step {}

    record Release(int key, OutcomeType type, Integer hintSeconds) implements Step {}

    record Advance(long millis) implements Step {}
  }

  @Property(tries = 300)
  void theLimitStaysInBoundsAndNoAdmissionPassesItNorACoolDown(@ForAll("runs") List<Step> steps) {
    AdaptiveLimit limits = new AdaptiveLimit(CONFIG);
    Map<LimitKey, Instant> coolDowns = new HashMap<>();
    Instant now = START;

    for (Step step : steps) {
      switch (step) {
        case Step.Advance(long millis) -> now = now.plusMillis(millis);
        case Step.Acquire(int index) -> {
          LimitKey key = KEYS.get(index);
          int limitBefore = limits.limit(key);
          boolean admitted = limits.tryAcquire(key, now);
          Instant coolDown = coolDowns.get(key);
          if (coolDown != null && now.isBefore(coolDown)) {
            assertThat(admitted).as("admitted at %s while cooling down until %s", now, coolDown).isFalse();
          }
          if (admitted) {
            assertThat(limits.inFlight(key)).isLessThanOrEqualTo(limitBefore);
          }
        }
        case Step.Release(int index, OutcomeType type, Integer hintSeconds) -> {
          LimitKey key = KEYS.get(index);
          Instant hint = hintSeconds == null ? null : now.plusSeconds(hintSeconds);
          limits.release(key, Outcomes.of(type, null, hint), now);
          Instant at = now;
          limits.coolDownUntil(key, at).ifPresent(until -> {
            assertThat(until).isAfter(at);
            coolDowns.merge(key, until, (a, b) -> a.isAfter(b) ? a : b);
          });
        }
      }
      for (LimitKey key : KEYS) {
        assertThat(limits.limit(key)).isBetween(CONFIG.minLimit(), CONFIG.maxLimit());
        assertThat(limits.inFlight(key)).isNotNegative();
      }
    }
  }

  @Provide
  Arbitrary<List<Step>> runs() {
    Arbitrary<Integer> key = Arbitraries.integers().between(0, KEYS.size() - 1);
    Arbitrary<OutcomeType> types = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(OutcomeType.SUCCESS)),
        Tuple.of(2, Arbitraries.of(OutcomeType.PROVIDER_THROTTLED, OutcomeType.OVERLOADED)),
        Tuple.of(1, Arbitraries.of(OutcomeType.class)));
    @SuppressWarnings("unchecked")
    Arbitrary<Step> step = Arbitraries.frequencyOf(
        Tuple.of(10, key.map(Step.Acquire::new)),
        Tuple.of(8, Combinators.combine(key, types, Arbitraries.integers().between(-5, 120).injectNull(0.6))
            .as(Step.Release::new)),
        Tuple.of(4, Arbitraries.longs().between(0, 40_000).map(Step.Advance::new)));
    return step.list().ofMinSize(1).ofMaxSize(200);
  }
}
