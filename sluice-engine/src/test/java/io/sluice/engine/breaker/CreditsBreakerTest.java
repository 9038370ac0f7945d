package io.sluice.engine.breaker;

import static io.sluice.engine.breaker.CreditEvidence.SAYS_NOTHING;
import static io.sluice.engine.breaker.CreditEvidence.SHOWS_CREDIT;
import static io.sluice.engine.breaker.CreditEvidence.SHOWS_NO_CREDIT;
import static io.sluice.engine.breaker.CreditEvidence.Source.ACCOUNT;
import static io.sluice.engine.breaker.CreditEvidence.Source.KEY;
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

  private void outOfCredits(Instant at) {
    credits.record(Outcomes.of(OutcomeType.OUT_OF_CREDITS), at);
  }

  private void probeCameBack(OutcomeType type, Instant at) {
    credits.record(Outcomes.of(type), true, at);
  }

  @Test
  void outOfCreditsStopsPaidTrafficAndLeavesFreeTrafficAlone() {
    assertThat(credits.allow(false, NOW)).isEqualTo(Permission.ALLOWED);

    outOfCredits(NOW);

    assertThat(credits.allow(false, NOW)).isEqualTo(new Permission.Rejected(NOW.plusSeconds(60)));
    assertThat(credits.allow(true, NOW)).isEqualTo(Permission.ALLOWED);
    assertThat(credits.openSince()).contains(NOW);
  }

  @Test
  void withoutEvidenceExactlyOnePaidCallProbesEachInterval() {
    outOfCredits(NOW);

    assertThat(credits.allow(false, NOW.plusSeconds(59))).isEqualTo(new Permission.Rejected(NOW.plusSeconds(60)));
    assertThat(credits.allow(false, NOW.plusSeconds(60))).isEqualTo(Permission.PROBE);
    assertThat(credits.allow(false, NOW.plusSeconds(60))).as("one probe at a time")
        .isEqualTo(new Permission.Rejected(NOW.plusSeconds(120)));

    probeCameBack(OutcomeType.OUT_OF_CREDITS, NOW.plusSeconds(61));

    assertThat(credits.allow(false, NOW.plusSeconds(61))).isEqualTo(new Permission.Rejected(NOW.plusSeconds(121)));
    assertThat(credits.allow(false, NOW.plusSeconds(120))).isInstanceOf(Permission.Rejected.class);
    assertThat(credits.allow(false, NOW.plusSeconds(121))).isEqualTo(Permission.PROBE);
  }

  @Test
  void theProbesSuccessClosesIt() {
    outOfCredits(NOW);
    assertThat(credits.allow(false, NOW.plusSeconds(60))).isEqualTo(Permission.PROBE);

    probeCameBack(OutcomeType.SUCCESS, NOW.plusSeconds(61));

    assertThat(credits.allow(false, NOW.plusSeconds(61))).isEqualTo(Permission.ALLOWED);
    assertThat(credits.openSince()).isEmpty();
  }

  @Test
  void aProbeWhoseOutcomeTellsNothingAboutCreditWaitsAnotherInterval() {
    outOfCredits(NOW);
    credits.allow(false, NOW.plusSeconds(60));

    probeCameBack(OutcomeType.OVERLOADED, NOW.plusSeconds(62));

    assertThat(credits.allow(false, NOW.plusSeconds(62))).isEqualTo(new Permission.Rejected(NOW.plusSeconds(122)));
    assertThat(credits.allow(false, NOW.plusSeconds(122))).isEqualTo(Permission.PROBE);
  }

  @Test
  void aProbeGivenBackMayBeTakenAgainAtOnce() {
    outOfCredits(NOW);
    credits.allow(false, NOW.plusSeconds(60));

    credits.cancelProbe();

    assertThat(credits.allow(false, NOW.plusSeconds(60))).isEqualTo(Permission.PROBE);
  }

  @Test
  void aProbeThatNeverReportsIsReplacedAfterAnInterval() {
    outOfCredits(NOW);
    credits.allow(false, NOW.plusSeconds(60));

    assertThat(credits.allow(false, NOW.plusSeconds(119))).isInstanceOf(Permission.Rejected.class);
    assertThat(credits.allow(false, NOW.plusSeconds(120))).isEqualTo(Permission.PROBE);
  }

  @Test
  void aPaidSuccessThatWasNoProbeDoesNotCloseIt() {
    outOfCredits(NOW);

    credits.record(Outcomes.of(OutcomeType.SUCCESS), NOW.plusSeconds(1)); // sent before the 402 came
    credits.record(Outcomes.of(OutcomeType.SUCCESS), true, NOW.plusSeconds(2)); // claims a probe none was given

    assertThat(credits.allow(false, NOW.plusSeconds(2))).isInstanceOf(Permission.Rejected.class);
  }

  @ParameterizedTest
  @EnumSource(value = OutcomeType.class, names = "OUT_OF_CREDITS", mode = EnumSource.Mode.EXCLUDE)
  void noOtherOutcomeOpensIt(OutcomeType type) {
    credits.record(Outcomes.of(type), NOW);

    assertThat(credits.allow(false, NOW)).isEqualTo(Permission.ALLOWED);
  }

  @Test
  void aBalanceReadingTakenAfterItOpenedClosesIt() {
    outOfCredits(NOW);

    assertThat(credits.learn(ACCOUNT, SHOWS_CREDIT, NOW.plusSeconds(5))).isTrue();

    assertThat(credits.allow(false, NOW.plusSeconds(5))).isEqualTo(Permission.ALLOWED);
    assertThat(credits.openSince()).isEmpty();
    assertThat(credits.learn(ACCOUNT, SHOWS_CREDIT, NOW.plusSeconds(6))).as("nothing left to close").isFalse();
  }

  @Test
  void aReadingShowingNoCreditHoldsEvenTheProbeUntilAReadingSaysOtherwise() {
    outOfCredits(NOW);
    credits.learn(ACCOUNT, SHOWS_NO_CREDIT, NOW.plusSeconds(5));

    assertThat(credits.showsNoCredit()).isTrue();
    assertThat(credits.allow(false, NOW.plusSeconds(60))).isEqualTo(new Permission.Rejected(NOW.plusSeconds(120)));
    assertThat(credits.allow(false, NOW.plus(Duration.ofDays(3)))).isInstanceOf(Permission.Rejected.class);

    credits.learn(KEY, SAYS_NOTHING, NOW.plusSeconds(70));
    assertThat(credits.allow(false, NOW.plusSeconds(70))).as("the balance reading still stands")
        .isInstanceOf(Permission.Rejected.class);

    credits.learn(ACCOUNT, SAYS_NOTHING, NOW.plusSeconds(80));
    assertThat(credits.showsNoCredit()).isFalse();
    assertThat(credits.allow(false, NOW.plusSeconds(80))).isEqualTo(Permission.PROBE);
  }

  @Test
  void readingsThatSayNothingLeaveItToTheProbe() {
    outOfCredits(NOW);

    assertThat(credits.learn(KEY, SAYS_NOTHING, NOW.plusSeconds(5))).isFalse();

    assertThat(credits.allow(false, NOW.plusSeconds(5))).isInstanceOf(Permission.Rejected.class);
    assertThat(credits.allow(false, NOW.plusSeconds(60))).isEqualTo(Permission.PROBE);
  }

  @Test
  void aKeyWithNothingLeftToSpendOutweighsABalance() {
    outOfCredits(NOW);
    credits.learn(KEY, SHOWS_NO_CREDIT, NOW.plusSeconds(5));

    assertThat(credits.learn(ACCOUNT, SHOWS_CREDIT, NOW.plusSeconds(6))).isFalse();

    assertThat(credits.allow(false, NOW.plusSeconds(60))).isInstanceOf(Permission.Rejected.class);
  }

  @Test
  void aReadingAlreadyUnderWayWhenThe402CameCountsForNothing() {
    outOfCredits(NOW);

    assertThat(credits.learn(ACCOUNT, SHOWS_CREDIT, NOW)).isFalse();
    assertThat(credits.learn(ACCOUNT, SHOWS_CREDIT, NOW.minusSeconds(1))).isFalse();
    assertThat(credits.learn(ACCOUNT, SHOWS_NO_CREDIT, NOW)).isFalse();

    assertThat(credits.allow(false, NOW.plusSeconds(1))).isInstanceOf(Permission.Rejected.class);
    assertThat(credits.allow(false, NOW.plusSeconds(60))).as("the stale reading holds nothing").isEqualTo(Permission.PROBE);
  }

  @Test
  void aLater402MovesTheOpeningForwardAndForgetsTheReadingsBeforeIt() {
    outOfCredits(NOW);
    credits.learn(ACCOUNT, SHOWS_NO_CREDIT, NOW.plusSeconds(5));
    outOfCredits(NOW.plusSeconds(10));
    outOfCredits(NOW.plusSeconds(7));

    assertThat(credits.openSince()).contains(NOW.plusSeconds(10));
    assertThat(credits.learn(ACCOUNT, SHOWS_CREDIT, NOW.plusSeconds(8))).isFalse();
    assertThat(credits.allow(false, NOW.plusSeconds(69))).isEqualTo(new Permission.Rejected(NOW.plusSeconds(70)));
    assertThat(credits.allow(false, NOW.plusSeconds(70))).isEqualTo(Permission.PROBE);
  }

  @Test
  void theCallersOwnEvidenceTakenAfterItOpenedClosesIt() {
    outOfCredits(NOW);

    assertThat(credits.creditsRestored(NOW)).as("taken when the 402 came").isFalse();
    assertThat(credits.creditsRestored(NOW.plusSeconds(5))).isTrue();

    assertThat(credits.allow(false, NOW.plusSeconds(5))).isEqualTo(Permission.ALLOWED);
    assertThat(credits.creditsRestored(NOW.plusSeconds(6))).isFalse();
  }

  @Test
  void misuseFailsWithTheValueInTheMessage() {
    assertThatThrownBy(() -> new CreditsBreaker(Duration.ZERO)).hasMessageContaining("PT0S");
  }
}
