package io.sluice.app.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.app.bench.client.RetryPolicy.Retry;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class StrategyTest {

  /** Jitter always at this fraction of the ceiling. */
  private static RandomGenerator fraction(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  private static AttemptResult status(int status, Cause cause) {
    return new AttemptResult(status, cause, null, -1, false);
  }

  private static final AttemptResult THROTTLED = status(429, Cause.PROVIDER_THROTTLED);
  private static final AttemptResult DOWN = status(502, Cause.UNAVAILABLE);
  private static final AttemptResult BAD_REQUEST = status(400, Cause.REJECTED);
  private static final AttemptResult NO_CREDITS = status(402, Cause.CREDITS);
  private static final AttemptResult TIMED_OUT = new AttemptResult(0, Cause.DEADLINE, null, -1, true);
  private static final AttemptResult RESET = status(0, Cause.NETWORK);

  @Test
  void naiveRetriesAtOnceFiveTimes() {
    RetryPolicy naive = Strategy.NAIVE.policy(fraction(0.5));

    for (int attempt = 1; attempt <= 5; attempt++) {
      assertThat(naive.next(attempt, THROTTLED, 0, 3)).isEqualTo(new Retry(Duration.ZERO, 0));
    }
    assertThat(naive.next(6, THROTTLED, 0, 3)).isNull();
  }

  @Test
  void onlyWhatAGenericClientRetriesIsRetried() {
    RetryPolicy naive = Strategy.NAIVE.policy(fraction(0.5));

    assertThat(naive.next(1, DOWN, 0, 1)).isNotNull();
    assertThat(naive.next(1, RESET, 0, 1)).isNotNull();
    assertThat(naive.next(1, status(408, Cause.TIMEOUT), 0, 1)).isNotNull();
    assertThat(naive.next(1, status(200, Cause.UNAVAILABLE), 0, 1)).as("an error inside a 200").isNotNull();
    assertThat(naive.next(1, BAD_REQUEST, 0, 1)).isNull();
    assertThat(naive.next(1, NO_CREDITS, 0, 1)).isNull();
    assertThat(naive.next(1, TIMED_OUT, 0, 1)).as("the client's own deadline").isNull();
  }

  @Test
  void backoffDrawsFromADoublingCeilingWithFullJitter() {
    RetryPolicy backoff = Strategy.BACKOFF.policy(fraction(0.5));

    assertThat(backoff.next(1, THROTTLED, 0, 1).delay()).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.next(3, THROTTLED, 0, 1).delay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.next(5, THROTTLED, 0, 1).delay()).isEqualTo(Duration.ofSeconds(8));
    assertThat(backoff.next(6, THROTTLED, 0, 1)).isNull();
    assertThat(Strategy.BACKOFF.policy(fraction(0)).next(1, DOWN, 0, 1).delay()).isZero();
  }

  @Test
  void backoffWaitsOutARetryAfterInstead() {
    AttemptResult withHint = new AttemptResult(429, Cause.PROVIDER_THROTTLED, Duration.ofSeconds(10), -1, false);

    assertThat(Strategy.BACKOFF.policy(fraction(0.5)).next(1, withHint, 0, 1))
        .isEqualTo(new Retry(Duration.ofSeconds(10), 0));
  }

  @Test
  void fallbackMovesDownTheChainAtOnceOnA429AndBacksOffWhenItWrapsAround() {
    RetryPolicy fallback = Strategy.FALLBACK.policy(fraction(0.5));

    assertThat(fallback.next(1, THROTTLED, 0, 3)).isEqualTo(new Retry(Duration.ZERO, 1));
    assertThat(fallback.next(2, THROTTLED, 1, 3)).isEqualTo(new Retry(Duration.ZERO, 2));
    assertThat(fallback.next(3, THROTTLED, 2, 3)).isEqualTo(new Retry(Duration.ofSeconds(2), 0));
  }

  @Test
  void fallbackRetriesOtherFailuresOnTheSameModelAfterABackoff() {
    RetryPolicy fallback = Strategy.FALLBACK.policy(fraction(0.5));

    assertThat(fallback.next(2, DOWN, 1, 3)).isEqualTo(new Retry(Duration.ofSeconds(1), 1));
    assertThat(fallback.next(1, THROTTLED, 0, 1)).as("no chain to move along")
        .isEqualTo(new Retry(Duration.ofMillis(500), 0));
  }

  @Test
  void throughSluiceTheClientOnlyWaitsOutARetryAfterOrResendsAfterAConnectionFailure() {
    RetryPolicy sluice = Strategy.SLUICE.policy(fraction(0.5));
    AttemptResult paced = new AttemptResult(429, Cause.PER_MINUTE, Duration.ofSeconds(7), -1, false);

    assertThat(sluice.next(1, paced, 0, 1)).isEqualTo(new Retry(Duration.ofSeconds(7), 0));
    assertThat(sluice.next(1, RESET, 0, 1)).isEqualTo(new Retry(Duration.ZERO, 0));
    assertThat(sluice.next(1, THROTTLED, 0, 1)).as("Sluice already retried what could be").isNull();
    assertThat(sluice.next(1, DOWN, 0, 1)).isNull();
    assertThat(sluice.next(6, paced, 0, 1)).isNull();
  }

  @Test
  void onlySluiceGoesThroughTheGateway() {
    assertThat(Strategy.values()).filteredOn(s -> !s.direct()).containsExactly(Strategy.SLUICE);
    assertThat(Strategy.FALLBACK.label()).isEqualTo("fallback");
  }
}
