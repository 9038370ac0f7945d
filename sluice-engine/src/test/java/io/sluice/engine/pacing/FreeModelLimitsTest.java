package io.sluice.engine.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FreeModelLimitsTest {

  @Test
  void theDefaultsAreOpenRoutersDocumentedLimitsWithoutMargin() {
    FreeModelLimits limits = FreeModelLimits.defaults();

    assertThat(limits).isEqualTo(new FreeModelLimits(20, Duration.ofMinutes(1), 50, Duration.ZERO, 0));
    assertThat(FreeModelLimits.perDay(FreeModelLimits.REQUESTS_PER_DAY_WITH_CREDITS).requestsPerDay()).isEqualTo(1000);
    assertThat(limits.spacing()).isEqualTo(Duration.ofMinutes(1));
    assertThat(limits.dailyAllowance()).isEqualTo(50);
  }

  @Test
  void aSafetyMarginWidensTheWindowAndHoldsBackPartOfTheDay() {
    FreeModelLimits limits = FreeModelLimits.perDay(1000).withSafetyMargin(Duration.ofSeconds(2), 25);

    assertThat(limits.spacing()).isEqualTo(Duration.ofSeconds(62));
    assertThat(limits.dailyAllowance()).isEqualTo(975);
    assertThat(limits.requestsPerWindow()).isEqualTo(20);
  }

  @Test
  void nonsenseIsRefusedWithTheValueNamed() {
    Duration minute = Duration.ofMinutes(1);
    assertThatThrownBy(() -> new FreeModelLimits(0, minute, 50, Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requestsPerWindow must be 1..100000, was 0");
    assertThatThrownBy(() -> new FreeModelLimits(20, Duration.ZERO, 50, Duration.ZERO, 0))
        .hasMessageContaining("window must be positive");
    assertThatThrownBy(() -> new FreeModelLimits(20, Duration.ofHours(2), 50, Duration.ZERO, 0))
        .hasMessageContaining("at most PT1H");
    assertThatThrownBy(() -> new FreeModelLimits(20, minute, 0, Duration.ZERO, 0))
        .hasMessageContaining("requestsPerDay");
    assertThatThrownBy(() -> new FreeModelLimits(20, minute, 50, Duration.ofSeconds(-1), 0))
        .hasMessageContaining("windowMargin");
    assertThatThrownBy(() -> new FreeModelLimits(20, minute, 50, Duration.ZERO, 50))
        .hasMessageContaining("dailyReserve must be 0..49, was 50");
  }
}
