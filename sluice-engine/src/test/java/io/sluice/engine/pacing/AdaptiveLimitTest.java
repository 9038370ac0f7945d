package io.sluice.engine.pacing;

import static io.sluice.engine.outcome.OutcomeType.OVERLOADED;
import static io.sluice.engine.outcome.OutcomeType.PROVIDER_THROTTLED;
import static io.sluice.engine.outcome.OutcomeType.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.engine.Outcomes;
import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.outcome.OutcomeType;
import io.sluice.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AdaptiveLimitTest {

  private static final Instant START = Instant.parse("2026-10-10T15:00:00Z");
  private static final LimitKey MODEL = LimitKey.model("deepseek/deepseek-chat-v3.1");
  private static final LimitKey CHUTES = LimitKey.provider("Chutes");

  private final FakeClock clock = new FakeClock(START);
  private final AdaptiveLimit limits = new AdaptiveLimit(AdaptiveLimitConfig.defaults());

  @Test
  void aKeyAdmitsItsInitialLimitAtOnceAndAReleaseMakesRoom() {
    assertThat(acquire(MODEL, 5)).isEqualTo(4);

    limits.release(MODEL, Outcomes.of(OutcomeType.BAD_REQUEST), clock.instant());

    assertThat(limits.inFlight(MODEL)).isEqualTo(3);
    assertThat(acquire(MODEL, 2)).isEqualTo(1);
  }

  @Test
  void successesAtFullUseAddAboutOneCallPerRound() {
    for (int round = 0; round < 2; round++) {
      int admitted = acquire(MODEL, 4);
      releaseAll(MODEL, admitted, Outcomes.of(SUCCESS));
    }

    assertThat(limits.limit(MODEL)).isEqualTo(5);
  }

  @Test
  void successesOfAnIdleKeyDoNotGrowALimitItNeverTested() {
    for (int i = 0; i < 100; i++) {
      acquire(MODEL, 1);
      limits.release(MODEL, Outcomes.of(SUCCESS), clock.instant());
    }

    assertThat(limits.limit(MODEL)).isEqualTo(4);
  }

  @Test
  void theLimitGrowsNoHigherThanItsMaximum() {
    AdaptiveLimit small = new AdaptiveLimit(new AdaptiveLimitConfig(2, 1, 3, 0.5, Duration.ofMinutes(1), 8));
    for (int round = 0; round < 50; round++) {
      int admitted = 0;
      while (small.tryAcquire(MODEL, clock.instant())) {
        admitted++;
      }
      for (int i = 0; i < admitted; i++) {
        small.release(MODEL, Outcomes.of(SUCCESS), clock.instant());
      }
    }

    assertThat(small.limit(MODEL)).isEqualTo(3);
  }

  @Test
  void throttlingAndOverloadHalveTheLimitDownToTheMinimum() {
    acquire(MODEL, 3);

    limits.release(MODEL, Outcomes.of(PROVIDER_THROTTLED), clock.instant());
    assertThat(limits.limit(MODEL)).isEqualTo(2);
    limits.release(MODEL, Outcomes.of(OVERLOADED), clock.instant());
    assertThat(limits.limit(MODEL)).isEqualTo(1);
    limits.release(MODEL, Outcomes.of(OVERLOADED), clock.instant());
    assertThat(limits.limit(MODEL)).isEqualTo(1);

    assertThat(acquire(MODEL, 2)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(value = OutcomeType.class, names = {"SUCCESS", "PROVIDER_THROTTLED", "OVERLOADED"},
      mode = EnumSource.Mode.EXCLUDE)
  void outcomesAboutTheRequestOrTheAccountChangeNothing(OutcomeType type) {
    acquire(MODEL, 4);

    limits.release(MODEL, Outcomes.of(type, "Chutes", START.plusSeconds(60)), clock.instant());

    assertThat(limits.limit(MODEL)).isEqualTo(4);
    assertThat(limits.coolDownUntil(MODEL, clock.instant())).isEmpty();
  }

  @Test
  void aThrottleWithRetryAfterCoolsTheKeyDownUntilThen() {
    acquire(MODEL, 1);
    Instant until = START.plusSeconds(20);

    limits.release(MODEL, Outcomes.of(PROVIDER_THROTTLED, "Chutes", until), clock.instant());

    assertThat(limits.coolDownUntil(MODEL, clock.instant())).contains(until);
    assertThat(limits.tryAcquire(MODEL, until.minusNanos(1))).isFalse();
    assertThat(limits.tryAcquire(MODEL, until)).isTrue();
    assertThat(limits.coolDownUntil(MODEL, until)).isEmpty();
  }

  @Test
  void aThrottleWithoutAHintOnlyLowersTheLimit() {
    acquire(MODEL, 1);

    limits.release(MODEL, Outcomes.of(PROVIDER_THROTTLED), clock.instant());

    assertThat(limits.coolDownUntil(MODEL, clock.instant())).isEmpty();
    assertThat(limits.tryAcquire(MODEL, clock.instant())).isTrue();
  }

  @Test
  void aLaterShorterHintNeverShortensACoolDown() {
    limits.learn(MODEL, Outcomes.of(OVERLOADED, null, START.plusSeconds(30)), START);
    limits.learn(MODEL, Outcomes.of(OVERLOADED, null, START.plusSeconds(10)), START.plusSeconds(5));

    assertThat(limits.coolDownUntil(MODEL, START.plusSeconds(20))).contains(START.plusSeconds(30));
  }

  @Test
  void aHintBeyondTheLongestCoolDownIsCutToIt() {
    limits.learn(MODEL, Outcomes.of(PROVIDER_THROTTLED, null, START.plus(Duration.ofDays(2))), START);

    assertThat(limits.coolDownUntil(MODEL, START)).contains(START.plus(Duration.ofMinutes(10)));
  }

  @Test
  void theProviderTheUpstreamChoseLearnsWithoutASlotAndStaysApartFromTheModel() {
    limits.learn(CHUTES, Outcomes.of(PROVIDER_THROTTLED, "Chutes", START.plusSeconds(15)), START);

    assertThat(limits.coolDownUntil(CHUTES, START)).contains(START.plusSeconds(15));
    assertThat(limits.inFlight(CHUTES)).isZero();
    assertThat(limits.limit(CHUTES)).isEqualTo(2);
    assertThat(limits.tryAcquire(MODEL, START)).isTrue();
    assertThat(limits.tryAcquire(LimitKey.model("Chutes"), START)).isTrue();
  }

  @Test
  void theLeastRecentlyUsedKeyBeyondTheBoundStartsAgain() {
    AdaptiveLimit two = new AdaptiveLimit(new AdaptiveLimitConfig(4, 1, 64, 0.5, Duration.ofMinutes(1), 2));
    two.learn(MODEL, Outcomes.of(OVERLOADED, null, START.plusSeconds(30)), START);
    two.tryAcquire(LimitKey.model("a"), START);
    two.tryAcquire(LimitKey.model("b"), START);

    assertThat(two.coolDownUntil(MODEL, START)).isEmpty();
    assertThat(two.limit(MODEL)).isEqualTo(4);
    two.release(MODEL, Outcomes.of(SUCCESS), START);
    assertThat(two.inFlight(MODEL)).isZero();
  }

  @Test
  void misuseFailsWithTheValueInTheMessage() {
    Duration minute = Duration.ofMinutes(1);
    assertThatThrownBy(() -> new AdaptiveLimitConfig(1, 0, 4, 0.5, minute, 8)).hasMessageContaining("0");
    assertThatThrownBy(() -> new AdaptiveLimitConfig(2, 2, 1, 0.5, minute, 8)).hasMessageContaining("1");
    assertThatThrownBy(() -> new AdaptiveLimitConfig(9, 1, 4, 0.5, minute, 8)).hasMessageContaining("9");
    assertThatThrownBy(() -> new AdaptiveLimitConfig(2, 1, 4, 1.0, minute, 8)).hasMessageContaining("1.0");
    assertThatThrownBy(() -> new AdaptiveLimitConfig(2, 1, 4, 0.5, Duration.ZERO, 8)).hasMessageContaining("PT0S");
    assertThatThrownBy(() -> new AdaptiveLimitConfig(2, 1, 4, 0.5, minute, 0)).hasMessageContaining("0");
  }

  private int acquire(LimitKey key, int tries) {
    int admitted = 0;
    for (int i = 0; i < tries; i++) {
      if (limits.tryAcquire(key, clock.instant())) {
        admitted++;
      }
    }
    return admitted;
  }

  private void releaseAll(LimitKey key, int count, Outcome outcome) {
    for (int i = 0; i < count; i++) {
      limits.release(key, outcome, clock.instant());
    }
  }

  @Test
  void aCancelledCallLeavesTheCallsInFlightAndTeachesNothing() {
    assertThat(limits.tryAcquire(MODEL, START)).isTrue();
    limits.cancel(MODEL);
    assertThat(limits.inFlight(MODEL)).isZero();
    assertThat(limits.limit(MODEL)).isEqualTo(AdaptiveLimitConfig.defaults().initialLimit());
    limits.cancel(MODEL);
    assertThat(limits.inFlight(MODEL)).isZero();
  }
}
