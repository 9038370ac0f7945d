package io.sluice.engine.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.Outcomes;
import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.outcome.OutcomeType;
import io.sluice.engine.retry.RetryDecision.GiveUp;
import io.sluice.engine.retry.RetryDecision.RetryAt;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** {@link Backoff}'s invariant over generated outcomes, hints, deadlines and random draws. */
class BackoffPropertyTest {

  private static final Instant NOW = Instant.parse("2026-10-10T15:00:00Z");

  @Property(tries = 1000)
  void aRetryIsNeverBeforeNowNorAtOrPastTheDeadlineNorLaterThanTheHintOrCeilingSay(
      @ForAll OutcomeType type,
      @ForAll @IntRange(min = 1, max = 80) int attempt,
      @ForAll @LongRange(min = -5_000, max = 60_000) long hintMillis,
      @ForAll boolean hinted,
      @ForAll @LongRange(min = 0, max = 30_000) long deadlineMillis,
      @ForAll long seed) {
    Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(20), 100, new SplittableRandom(seed));
    Instant hint = hinted ? NOW.plusMillis(hintMillis) : null;
    Outcome outcome = Outcomes.of(type, null, hint);
    Instant deadline = NOW.plusMillis(deadlineMillis);

    RetryDecision decision = backoff.next(attempt, outcome, NOW, deadline);

    if (decision instanceof RetryAt(Instant at)) {
      assertThat(outcome.reaction().retryable()).isTrue();
      assertThat(at).isAfterOrEqualTo(NOW).isBefore(deadline);
      Instant latest = hint != null ? (hint.isAfter(NOW) ? hint : NOW) : NOW.plus(backoff.ceiling(attempt));
      assertThat(at).isBeforeOrEqualTo(latest);
    } else {
      assertThat(decision).isInstanceOf(GiveUp.class);
    }
  }
}
