package io.sluice.engine.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.engine.Outcomes;
import io.sluice.engine.outcome.OutcomeType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CreditsBreakerTest {

  private static final Instant NOW = Instant.parse("2026-10-10T15:00:00Z");

  private final CreditsBreaker credits = new CreditsBreaker(Duration.ofSeconds(60));

  @Test
  void outOfCreditsStopsPaidTrafficAndLeavesFreeTrafficAlone() {
    assertThat(credits.allow(false, NOW)).isEqualTo(Permission.ALLOWED);

    credits.record(Outcomes.of(OutcomeType.OUT_OF_CREDITS), NOW);

    assertThat(credits.allow(false, NOW)).isEqualTo(new Permission.Rejected(NOW.plusSeconds(60)));
    assertThat(credits.allow(true, NOW)).isEqualTo(Permission.ALLOWED);
    assertThat(credits.openSince()).contains(NOW);
  }

  @Test
  void itStaysOpenWhateverTimePassesAndNamesTheNextKeyReading() {
    credits.record(Outcomes.of(OutcomeType.OUT_OF_CREDITS), NOW);

    assertThat(credits.allow(false, NOW.plusSeconds(59))).isEqualTo(new Permission.Rejected(NOW.plusSeconds(60)));
    assertThat(credits.allow(false, NOW.plusSeconds(60))).isEqualTo(new Permission.Rejected(NOW.plusSeconds(120)));
    assertThat(credits.allow(false, NOW.plus(Duration.ofDays(3)))).isInstanceOf(Permission.Rejected.class);
  }

  @ParameterizedTest
  @EnumSource(value = OutcomeType.class, names = "OUT_OF_CREDITS", mode = EnumSource.Mode.EXCLUDE)
  void noOtherOutcomeOpensOrClosesIt(OutcomeType type) {
    credits.record(Outcomes.of(type), NOW);
    assertThat(credits.allow(false, NOW)).isEqualTo(Permission.ALLOWED);

    credits.record(Outcomes.of(OutcomeType.OUT_OF_CREDITS), NOW);
    credits.record(Outcomes.of(type), NOW.plusSeconds(1));
    assertThat(credits.allow(false, NOW.plusSeconds(1))).isInstanceOf(Permission.Rejected.class);
  }

  @Test
  void aKeyReadingTakenAfterItOpenedClosesIt() {
    credits.record(Outcomes.of(OutcomeType.OUT_OF_CREDITS), NOW);

    assertThat(credits.creditsRestored(NOW.plusSeconds(5))).isTrue();

    assertThat(credits.allow(false, NOW.plusSeconds(5))).isEqualTo(Permission.ALLOWED);
    assertThat(credits.openSince()).isEmpty();
    assertThat(credits.creditsRestored(NOW.plusSeconds(6))).isFalse();
  }

  @Test
  void aKeyReadingAlreadyUnderWayWhenThe402CameCannotReopenPaidTraffic() {
    credits.record(Outcomes.of(OutcomeType.OUT_OF_CREDITS), NOW);

    assertThat(credits.creditsRestored(NOW)).isFalse();
    assertThat(credits.creditsRestored(NOW.minusSeconds(1))).isFalse();

    assertThat(credits.allow(false, NOW.plusSeconds(1))).isInstanceOf(Permission.Rejected.class);
  }

  @Test
  void aLater402MovesTheOpeningForward() {
    credits.record(Outcomes.of(OutcomeType.OUT_OF_CREDITS), NOW);
    credits.record(Outcomes.of(OutcomeType.OUT_OF_CREDITS), NOW.plusSeconds(10));
    credits.record(Outcomes.of(OutcomeType.OUT_OF_CREDITS), NOW.plusSeconds(5));

    assertThat(credits.creditsRestored(NOW.plusSeconds(8))).isFalse();
    assertThat(credits.openSince()).contains(NOW.plusSeconds(10));
  }

  @Test
  void misuseFailsWithTheValueInTheMessage() {
    assertThatThrownBy(() -> new CreditsBreaker(Duration.ZERO)).hasMessageContaining("PT0S");
  }
}
