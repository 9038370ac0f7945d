package io.sluice.simulator.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.simulator.openrouter.FreeModelLimit.Decision;
import io.sluice.simulator.scenario.Platform;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FreeModelLimitTest {

  private static final Platform PLATFORM = Platform.DEFAULTS;
  private static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");

  private final FreeModelLimit limit = new FreeModelLimit();

  @Test
  void admitsTwentyInAMinuteThenRefusesUntilTheOldestLeavesTheWindow() {
    for (int i = 0; i < 20; i++) {
      assertThat(limit.tryAdmit(NOON.plusSeconds(i), PLATFORM, false)).isInstanceOf(Decision.Admitted.class);
    }
    Decision refused = limit.tryAdmit(NOON.plusSeconds(30), PLATFORM, false);

    assertThat(refused).isEqualTo(new Decision.PerMinute(20, NOON.plusSeconds(60).toEpochMilli()));
    assertThat(limit.tryAdmit(NOON.plusMillis(59_999), PLATFORM, false)).isInstanceOf(Decision.PerMinute.class);
    assertThat(limit.tryAdmit(NOON.plusSeconds(60), PLATFORM, false)).isInstanceOf(Decision.Admitted.class);
  }

  @Test
  void refusedAttemptsStillUseUpTheDay() {
    for (int i = 0; i < 25; i++) {
      limit.tryAdmit(NOON, PLATFORM, false);
    }

    assertThat(limit.usedToday(NOON)).isEqualTo(25);
  }

  @Test
  void refusedAttemptsAreFreeWhenThePlatformSaysSo() {
    Platform lenient = new Platform(null, null, null, null, false, null, null);
    for (int i = 0; i < 25; i++) {
      limit.tryAdmit(NOON, lenient, false);
    }

    assertThat(limit.usedToday(NOON)).isEqualTo(20);
  }

  @Test
  void dailyCapIsFiftyAndResetsAtUtcMidnight() {
    Instant t = NOON;
    for (int i = 0; i < 50; i++) {
      t = t.plus(Duration.ofMinutes(1));
      assertThat(limit.tryAdmit(t, PLATFORM, false)).isInstanceOf(Decision.Admitted.class);
    }
    long midnight = Instant.parse("2026-11-24T00:00:00Z").toEpochMilli();

    assertThat(limit.tryAdmit(t.plusSeconds(60), PLATFORM, false)).isEqualTo(new Decision.PerDay(50, false, midnight));
    assertThat(limit.tryAdmit(Instant.ofEpochMilli(midnight), PLATFORM, false)).isInstanceOf(Decision.Admitted.class);
    assertThat(limit.usedToday(Instant.ofEpochMilli(midnight))).isEqualTo(1);
  }

  @Test
  void accountsThatBoughtCreditsGetAThousandADay() {
    Instant t = NOON;
    for (int i = 0; i < 1000; i++) {
      t = t.plusSeconds(3);
      assertThat(limit.tryAdmit(t, PLATFORM, true)).isInstanceOf(Decision.Admitted.class);
    }

    assertThat(limit.tryAdmit(t.plusSeconds(60), PLATFORM, true)).isInstanceOf(Decision.PerDay.class);
  }

  @Test
  void theDailyCapIsCheckedBeforeTheMinuteWindow() {
    Instant t = NOON;
    for (int i = 0; i < 50; i++) {
      t = t.plusSeconds(10);
      limit.tryAdmit(t, PLATFORM, false);
    }

    assertThat(limit.tryAdmit(t, PLATFORM, false)).isInstanceOf(Decision.PerDay.class);
    assertThat(limit.usedToday(t)).isEqualTo(50);
  }
}
