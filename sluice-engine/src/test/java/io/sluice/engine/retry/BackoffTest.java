package io.sluice.engine.retry;

import static io.sluice.engine.outcome.OutcomeType.ACCOUNT_PER_MINUTE;
import static io.sluice.engine.outcome.OutcomeType.OVERLOADED;
import static io.sluice.engine.outcome.OutcomeType.PROVIDER_THROTTLED;
import static io.sluice.engine.outcome.OutcomeType.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.engine.Outcomes;
import io.sluice.engine.outcome.OutcomeType;
import io.sluice.engine.retry.RetryDecision.GiveUp;
import io.sluice.engine.retry.RetryDecision.GiveUpReason;
import io.sluice.engine.retry.RetryDecision.RetryAt;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BackoffTest {

  private static final Instant NOW = Instant.parse("2026-10-10T15:00:00Z");
  private static final Instant FAR = NOW.plus(Duration.ofHours(1));
  private static final double ALMOST_ONE = Math.nextDown(1.0);

  @Test
  void theCeilingDoublesFromTheBaseUpToTheCap() {
    Backoff backoff = backoff(ALMOST_ONE, 10);

    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.ceiling(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void fullJitterDrawsTheWaitUniformlyBelowTheCeiling() {
    assertThat(backoff(0.0, 5).next(3, Outcomes.of(OVERLOADED), NOW, FAR)).isEqualTo(new RetryAt(NOW));
    assertThat(backoff(0.5, 5).next(3, Outcomes.of(OVERLOADED), NOW, FAR))
        .isEqualTo(new RetryAt(NOW.plusMillis(200)));
    assertThat(backoff(ALMOST_ONE, 5).next(3, Outcomes.of(OVERLOADED), NOW, FAR))
        .isEqualTo(new RetryAt(NOW.plusMillis(400).minusNanos(1)));
  }

  @Test
  void theUpstreamsRetryAfterOverridesTheBackoffInEitherDirection() {
    Backoff backoff = backoff(0.5, 5);

    assertThat(backoff.next(1, Outcomes.of(PROVIDER_THROTTLED, "Chutes", NOW.plusSeconds(7)), NOW, FAR))
        .isEqualTo(new RetryAt(NOW.plusSeconds(7)));
    assertThat(backoff.next(4, Outcomes.of(OVERLOADED, null, NOW.plusMillis(1)), NOW, FAR))
        .isEqualTo(new RetryAt(NOW.plusMillis(1)));
  }

  @Test
  void anExhaustedRateLimitResetIsAHintToo() {
    assertThat(backoff(0.5, 5).next(1, Outcomes.exhaustedUntil(ACCOUNT_PER_MINUTE, NOW.plusSeconds(30)), NOW, FAR))
        .isEqualTo(new RetryAt(NOW.plusSeconds(30)));
  }

  @Test
  void aHintAlreadyPastMeansNow() {
    assertThat(backoff(0.5, 5).next(1, Outcomes.of(OVERLOADED, null, NOW.minusSeconds(3)), NOW, FAR))
        .isEqualTo(new RetryAt(NOW));
  }

  @Test
  void aHintAtOrPastTheDeadlineGivesUpAndSaysWhenItWouldHaveWorked() {
    Instant deadline = NOW.plusSeconds(10);
    Backoff backoff = backoff(0.5, 5);

    assertThat(backoff.next(1, Outcomes.of(PROVIDER_THROTTLED, null, deadline), NOW, deadline))
        .isEqualTo(new GiveUp(GiveUpReason.DEADLINE, deadline));
    assertThat(backoff.next(1, Outcomes.of(PROVIDER_THROTTLED, null, deadline.minusNanos(1)), NOW, deadline))
        .isEqualTo(new RetryAt(deadline.minusNanos(1)));
  }

  @Test
  void aBackoffPastTheDeadlineGivesUpInsteadOfWaiting() {
    assertThat(backoff(0.5, 5).next(3, Outcomes.of(OVERLOADED), NOW, NOW.plusMillis(200)))
        .isEqualTo(new GiveUp(GiveUpReason.DEADLINE, NOW.plusMillis(200)));
    assertThat(backoff(0.0, 5).next(1, Outcomes.of(OVERLOADED), NOW, NOW))
        .isEqualTo(new GiveUp(GiveUpReason.DEADLINE, NOW));
  }

  @ParameterizedTest
  @EnumSource(value = OutcomeType.class, names = {"SUCCESS", "FREE_DAILY_CAP", "OUT_OF_CREDITS", "KEY_LIMIT",
      "NO_ENDPOINT", "CONTEXT_TOO_LONG", "BAD_REQUEST", "AUTH", "MODERATION", "UNKNOWN"})
  void anOutcomeThatIsNotRetryableIsNeverRetried(OutcomeType type) {
    assertThat(backoff(0.5, 5).next(1, Outcomes.of(type, null, NOW.plusSeconds(1)), NOW, FAR))
        .isEqualTo(new GiveUp(GiveUpReason.NOT_RETRYABLE, null));
  }

  @Test
  void aFailureAfterTheResponseStartedIsNeverRetried() {
    assertThat(backoff(0.5, 5).next(1, Outcomes.midStream(OVERLOADED), NOW, FAR))
        .isEqualTo(new GiveUp(GiveUpReason.NOT_RETRYABLE, null));
  }

  @Test
  void theRequestsAttemptsAreCountedFromTheFirst() {
    Backoff threeAttempts = backoff(0.5, 3);

    assertThat(threeAttempts.next(2, Outcomes.of(OVERLOADED), NOW, FAR)).isInstanceOf(RetryAt.class);
    assertThat(threeAttempts.next(3, Outcomes.of(OVERLOADED), NOW, FAR))
        .isEqualTo(new GiveUp(GiveUpReason.ATTEMPTS_EXHAUSTED, null));
    assertThat(backoff(0.5, 1).next(1, Outcomes.of(OVERLOADED), NOW, FAR))
        .isEqualTo(new GiveUp(GiveUpReason.ATTEMPTS_EXHAUSTED, null));
  }

  @Test
  void aTimeoutIsRetriedAtMostOnce() {
    Backoff backoff = backoff(0.5, 5);

    assertThat(backoff.next(1, Outcomes.of(TIMEOUT), NOW, FAR)).isInstanceOf(RetryAt.class);
    assertThat(backoff.next(2, Outcomes.of(TIMEOUT), NOW, FAR))
        .isEqualTo(new GiveUp(GiveUpReason.ATTEMPTS_EXHAUSTED, null));
  }

  @Test
  void misuseFailsWithTheValueInTheMessage() {
    RandomGenerator random = fixed(0.5);
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 3, random))
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 3, random))
        .hasMessageContaining("PT1S");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofDays(2), 3, random))
        .hasMessageContaining("PT48H");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, random))
        .hasMessageContaining("0");
    assertThatThrownBy(() -> backoff(0.5, 3).next(0, Outcomes.of(OVERLOADED), NOW, FAR))
        .hasMessageContaining("0");
    assertThatThrownBy(() -> backoff(1.0, 3).next(1, Outcomes.of(OVERLOADED), NOW, FAR))
        .hasMessageContaining("1.0");
  }

  /** Base 100 ms, cap 2 s, and a random source that always draws {@code fraction}. */
  private static Backoff backoff(double fraction, int maxAttempts) {
    return new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), maxAttempts, fixed(fraction));
  }

  static RandomGenerator fixed(double fraction) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException("only nextDouble is drawn");
      }

      @Override
      public double nextDouble() {
        return fraction;
      }
    };
  }
}
