package io.sluice.engine.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

  private static final Instant START = Instant.parse("2026-10-10T15:00:00Z");

  private final FakeClock clock = new FakeClock(START);
  private final RetryBudget budget = new RetryBudget(RetryBudgetLimits.defaults());

  @Test
  void aQuietGatewayStillGetsTheFloorOfThreeRetriesPerWindow() {
    budget.recordRequest(clock.instant());

    assertThat(grants(5)).isEqualTo(3);
  }

  @Test
  void retriesAreATenthOfTheRequestsPlusTheFloor() {
    record(100);

    assertThat(grants(20)).isEqualTo(13);
  }

  @Test
  void anOutageCannotMultiplyTheLoad() {
    int requests = 0;
    int retries = 0;
    for (int second = 0; second < 600; second++) {
      record(10);
      requests += 10;
      retries += grants(10);
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat((double) (requests + retries) / requests).isLessThanOrEqualTo(1.11);
  }

  @Test
  void theWindowSlidesBucketByBucket() {
    record(100);
    assertThat(grants(13)).isEqualTo(13);

    clock.advance(Duration.ofSeconds(50));
    assertThat(grants(1)).isZero();

    clock.advance(Duration.ofSeconds(10));
    assertThat(grants(5)).isEqualTo(3);
  }

  @Test
  void retriesCannotBorrowFromRequestsThatAWindowStillOpenWillNotHold() {
    record(100);
    clock.advance(Duration.ofSeconds(50));

    // The window from this bucket on holds none of those 100 requests: only its floor is left.
    assertThat(grants(10)).isEqualTo(3);
  }

  @Test
  void aClockSteppingBackCountsAsTheLatestInstantSeen() {
    record(100);
    clock.advance(Duration.ofSeconds(60));
    budget.recordRequest(clock.instant());

    assertThat(budget.tryAcquireRetry(START)).isTrue();
    assertThat(grants(5)).isEqualTo(2);
  }

  @Test
  void aZeroRatioLeavesOnlyTheFloor() {
    RetryBudget strict = new RetryBudget(new RetryBudgetLimits(0, Duration.ofSeconds(1), Duration.ofSeconds(1), 0));
    strict.recordRequest(START);

    assertThat(strict.tryAcquireRetry(START)).isFalse();
  }

  @Test
  void misuseFailsWithTheValueInTheMessage() {
    Duration second = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new RetryBudgetLimits(1.5, second, second, 0)).hasMessageContaining("1.5");
    assertThatThrownBy(() -> new RetryBudgetLimits(Double.NaN, second, second, 0)).hasMessageContaining("NaN");
    assertThatThrownBy(() -> new RetryBudgetLimits(0.1, Duration.ofMillis(1500), second, 0))
        .hasMessageContaining("PT1.5S");
    assertThatThrownBy(() -> new RetryBudgetLimits(0.1, second, Duration.ofNanos(10), 0))
        .hasMessageContaining("PT0.00000001S");
    assertThatThrownBy(() -> new RetryBudgetLimits(0.1, Duration.ofHours(1), Duration.ofMillis(1), 0))
        .hasMessageContaining("1000");
    assertThatThrownBy(() -> new RetryBudgetLimits(0.1, second, second, -1)).hasMessageContaining("-1");
  }

  private void record(int requests) {
    for (int i = 0; i < requests; i++) {
      budget.recordRequest(clock.instant());
    }
  }

  private int grants(int tries) {
    int granted = 0;
    for (int i = 0; i < tries; i++) {
      if (budget.tryAcquireRetry(clock.instant())) {
        granted++;
      }
    }
    return granted;
  }
}
