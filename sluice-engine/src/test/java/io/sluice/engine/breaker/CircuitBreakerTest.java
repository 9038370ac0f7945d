package io.sluice.engine.breaker;

import static io.sluice.engine.outcome.OutcomeType.OVERLOADED;
import static io.sluice.engine.outcome.OutcomeType.SUCCESS;
import static io.sluice.engine.outcome.OutcomeType.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.engine.breaker.CircuitBreaker.State;
import io.sluice.engine.outcome.OutcomeType;
import io.sluice.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CircuitBreakerTest {

  private static final Instant START = Instant.parse("2026-10-10T15:00:00Z");

  private final FakeClock clock = new FakeClock(START);
  private final CircuitBreaker breaker = new CircuitBreaker(BreakerConfig.defaults());

  @Test
  void onlyOverloadAndTimeoutSignalUnhealthiness() {
    assertThat(EnumSet.allOf(OutcomeType.class).stream().filter(OutcomeType::signalsUnhealthy))
        .containsExactlyInAnyOrder(OVERLOADED, TIMEOUT);
  }

  @Test
  void fewerCallsThanTheMinimumNeverOpenItWhateverTheyWere() {
    record(OVERLOADED, 4);

    assertThat(breaker.allow(clock.instant())).isEqualTo(Permission.ALLOWED);
    assertThat(breaker.state(clock.instant())).isEqualTo(State.CLOSED);
  }

  @Test
  void halfTheMinimumFailingOpensItForTheOpenDuration() {
    record(SUCCESS, 2);
    record(TIMEOUT, 1);
    record(OVERLOADED, 2);

    Instant until = START.plusSeconds(30);
    assertThat(breaker.allow(clock.instant())).isEqualTo(new Permission.Rejected(until));
    assertThat(breaker.allow(until.minusNanos(1))).isEqualTo(new Permission.Rejected(until));
    assertThat(breaker.state(until.minusNanos(1))).isEqualTo(State.OPEN);
    assertThat(breaker.state(until)).isEqualTo(State.HALF_OPEN);
  }

  @Test
  void aFailureRateBelowTheThresholdKeepsItClosed() {
    record(SUCCESS, 3);
    record(OVERLOADED, 2);

    assertThat(breaker.allow(clock.instant())).isEqualTo(Permission.ALLOWED);
  }

  @ParameterizedTest
  @EnumSource(value = OutcomeType.class, names = {"SUCCESS", "OVERLOADED", "TIMEOUT"}, mode = EnumSource.Mode.EXCLUDE)
  void outcomesAboutTheRequestOrALimitAreNotCounted(OutcomeType type) {
    record(OVERLOADED, 4);
    record(type, 20);

    assertThat(breaker.allow(clock.instant())).isEqualTo(Permission.ALLOWED);
    record(OVERLOADED, 1);
    assertThat(breaker.allow(clock.instant())).isInstanceOf(Permission.Rejected.class);
  }

  @Test
  void failuresOlderThanTheWindowNoLongerCount() {
    record(OVERLOADED, 4);
    clock.advance(Duration.ofSeconds(60));
    record(OVERLOADED, 1);

    assertThat(breaker.allow(clock.instant())).isEqualTo(Permission.ALLOWED);
    clock.advance(Duration.ofSeconds(1));
    record(OVERLOADED, 3);
    assertThat(breaker.allow(clock.instant())).isEqualTo(Permission.ALLOWED);
    record(OVERLOADED, 1);
    assertThat(breaker.allow(clock.instant())).isInstanceOf(Permission.Rejected.class);
  }

  @Test
  void afterTheOpenDurationOnlyTheProbesGoThroughAndTheirSuccessClosesIt() {
    open();
    clock.advance(Duration.ofSeconds(30));

    assertThat(breaker.allow(clock.instant())).isEqualTo(Permission.PROBE);
    assertThat(breaker.allow(clock.instant())).isEqualTo(Permission.PROBE);
    assertThat(breaker.allow(clock.instant())).isEqualTo(new Permission.Rejected(clock.instant().plusSeconds(30)));

    record(SUCCESS, 1);
    assertThat(breaker.state(clock.instant())).isEqualTo(State.HALF_OPEN);
    record(SUCCESS, 1);
    assertThat(breaker.state(clock.instant())).isEqualTo(State.CLOSED);
    assertThat(breaker.allow(clock.instant())).isEqualTo(Permission.ALLOWED);
  }

  @Test
  void aClosedBreakerStartsAgainWithAnEmptyWindow() {
    open();
    clock.advance(Duration.ofSeconds(30));
    probeAndSucceed();

    record(OVERLOADED, 4);
    assertThat(breaker.allow(clock.instant())).isEqualTo(Permission.ALLOWED);
  }

  @Test
  void aFailedProbeReopensItAtOnce() {
    open();
    clock.advance(Duration.ofSeconds(30));
    breaker.allow(clock.instant());
    record(SUCCESS, 1);
    clock.advance(Duration.ofSeconds(2));

    record(TIMEOUT, 1);

    assertThat(breaker.allow(clock.instant())).isEqualTo(new Permission.Rejected(clock.instant().plusSeconds(30)));
  }

  @Test
  void resultsOfCallsSentBeforeItOpenedAreIgnored() {
    open();
    record(SUCCESS, 10);
    clock.advance(Duration.ofSeconds(30));

    assertThat(breaker.allow(clock.instant())).isEqualTo(Permission.PROBE);
  }

  @Test
  void probesThatNeverReportBackDoNotWedgeIt() {
    open();
    clock.advance(Duration.ofSeconds(30));
    breaker.allow(clock.instant());
    breaker.allow(clock.instant());

    clock.advance(Duration.ofSeconds(30).minusNanos(1));
    assertThat(breaker.allow(clock.instant())).isInstanceOf(Permission.Rejected.class);
    clock.advance(Duration.ofNanos(1));
    assertThat(breaker.allow(clock.instant())).isEqualTo(Permission.PROBE);
  }

  @Test
  void aCancelledProbeIsGivenBack() {
    open();
    clock.advance(Duration.ofSeconds(30));
    breaker.allow(clock.instant());
    breaker.allow(clock.instant());

    breaker.cancelProbe();

    assertThat(breaker.allow(clock.instant())).isEqualTo(Permission.PROBE);
    assertThat(breaker.allow(clock.instant())).isInstanceOf(Permission.Rejected.class);
  }

  @Test
  void aClockSteppingBackCannotShortenTheOpenTime() {
    open();
    clock.advance(Duration.ofSeconds(10));
    breaker.allow(clock.instant());

    assertThat(breaker.allow(START.plusSeconds(29))).isEqualTo(new Permission.Rejected(START.plusSeconds(30)));
    assertThat(breaker.state(START)).isEqualTo(State.OPEN);
  }

  @Test
  void theWindowHoldsOnlyTheLatestCallsAtHighVolume() {
    record(SUCCESS, CircuitBreaker.TRACKED_CALLS);

    // Four failures of every five calls, never five in a row: 48 failures among the latest 100.
    for (int i = 0; i < 12; i++) {
      record(OVERLOADED, 4);
      record(SUCCESS, 1);
    }
    assertThat(breaker.allow(clock.instant())).isEqualTo(Permission.ALLOWED);
    // Counting every call since the start, 50 failures among 162 would be under a third.
    record(OVERLOADED, 2);
    assertThat(breaker.allow(clock.instant())).isInstanceOf(Permission.Rejected.class);
  }

  @Test
  void anAbruptOutageAfterABusyHealthyMinuteOpensItAfterTheMinimumOfFailuresInARow() {
    record(SUCCESS, 60);
    record(OVERLOADED, 4);
    record(SUCCESS, 1);
    record(OVERLOADED, 4);
    assertThat(breaker.allow(clock.instant())).as("never five in a row yet").isEqualTo(Permission.ALLOWED);

    record(OVERLOADED, 1);

    assertThat(breaker.allow(clock.instant())).isEqualTo(new Permission.Rejected(START.plusSeconds(30)));
  }

  @Test
  void misuseFailsWithTheValueInTheMessage() {
    Duration second = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new BreakerConfig(Duration.ZERO, 5, 0.5, second, 2)).hasMessageContaining("PT0S");
    assertThatThrownBy(() -> new BreakerConfig(second, 0, 0.5, second, 2)).hasMessageContaining("0");
    assertThatThrownBy(() -> new BreakerConfig(second, 5, 0, second, 2)).hasMessageContaining("0.0");
    assertThatThrownBy(() -> new BreakerConfig(second, 5, 1.5, second, 2)).hasMessageContaining("1.5");
    assertThatThrownBy(() -> new BreakerConfig(second, 5, 0.5, second.negated(), 2)).hasMessageContaining("PT-1S");
    assertThatThrownBy(() -> new BreakerConfig(second, 5, 0.5, second, 0)).hasMessageContaining("0");
  }

  private void open() {
    record(OVERLOADED, 5);
    assertThat(breaker.state(clock.instant())).isEqualTo(State.OPEN);
  }

  private void probeAndSucceed() {
    for (int i = 0; i < BreakerConfig.defaults().probes(); i++) {
      assertThat(breaker.allow(clock.instant())).isEqualTo(Permission.PROBE);
      breaker.record(SUCCESS, clock.instant());
    }
    assertThat(breaker.state(clock.instant())).isEqualTo(State.CLOSED);
  }

  private void record(OutcomeType type, int times) {
    for (int i = 0; i < times; i++) {
      breaker.record(type, clock.instant());
    }
  }
}
