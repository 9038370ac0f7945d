package io.sluice.engine.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.outcome.Classifier;
import io.sluice.engine.outcome.GatewayFailure;
import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.outcome.Outcome.RateLimit;
import io.sluice.engine.outcome.OutcomeType;
import io.sluice.engine.pacing.Admission.Admitted;
import io.sluice.engine.pacing.Admission.WaitUntil;
import io.sluice.testing.FakeClock;
import io.sluice.testing.WireBodies;
import io.sluice.upstream.openrouter.ResponseHeaders;
import io.sluice.upstream.openrouter.UpstreamErrors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreeModelLimiterTest {

  private static final Instant START = Instant.parse("2026-10-10T15:00:00Z");
  private static final Instant MIDNIGHT = Instant.parse("2026-10-11T00:00:00Z");

  private final FakeClock clock = new FakeClock(START);

  @Test
  void aBurstGetsTheWindowsTwentyAndTheNextWaitsForTheFirstToLeave() {
    FreeModelLimiter limiter = new FreeModelLimiter(FreeModelLimits.defaults());

    List<Permit> burst = admitAll(limiter, 20);
    Admission twentyFirst = limiter.admit(clock.instant());

    assertThat(burst).hasSize(20);
    assertThat(twentyFirst).isEqualTo(windowFull(START.plusSeconds(60)));
    assertThat(limiter.admit(START.plusSeconds(60).minusNanos(1))).isEqualTo(twentyFirst);
    assertThat(limiter.admit(START.plusSeconds(60))).isInstanceOf(Admitted.class);
  }

  @Test
  void aSpreadOutWindowReopensWhenItsOldestAdmissionLeaves() {
    FreeModelLimiter limiter = new FreeModelLimiter(FreeModelLimits.defaults());
    for (int i = 0; i < 20; i++) {
      assertThat(limiter.admit(clock.instant())).isInstanceOf(Admitted.class);
      clock.advance(Duration.ofSeconds(2));
    }

    assertThat(limiter.admit(clock.instant())).isEqualTo(windowFull(START.plusSeconds(60)));
    assertThat(limiter.admit(START.plusSeconds(60))).isInstanceOf(Admitted.class);
    assertThat(limiter.admit(START.plusSeconds(61))).isEqualTo(windowFull(START.plusSeconds(62)));
  }

  @Test
  void theDailyCapHoldsUntilTheNextUtcMidnight() {
    FreeModelLimiter limiter = new FreeModelLimiter(FreeModelLimits.defaults());
    for (int i = 0; i < 50; i++) {
      assertThat(limiter.admit(clock.instant())).isInstanceOf(Admitted.class);
      clock.advance(Duration.ofSeconds(5));
    }

    Admission fiftyFirst = limiter.admit(clock.instant());

    assertThat(fiftyFirst).isEqualTo(dayClosed(MIDNIGHT));
    assertThat(((WaitUntil) fiftyFirst).message()).contains("daily limit").contains("2026-10-11T00:00:00Z");
    assertThat(limiter.admit(MIDNIGHT.minusMillis(1))).isEqualTo(fiftyFirst);
    assertThat(limiter.admit(MIDNIGHT)).isInstanceOf(Admitted.class);
  }

  @Test
  void whenBothLimitsHoldTheLaterNamesTheWait() {
    FreeModelLimiter early = limiter(1, 2);
    early.admit(MIDNIGHT.minusSeconds(600));
    early.admit(MIDNIGHT.minusSeconds(540));
    FreeModelLimiter late = limiter(1, 2);
    late.admit(MIDNIGHT.minusSeconds(90));
    late.admit(MIDNIGHT.minusSeconds(30));

    assertThat(early.admit(MIDNIGHT.minusSeconds(520))).isEqualTo(dayClosed(MIDNIGHT));
    assertThat(late.admit(MIDNIGHT.minusSeconds(20)))
        .isEqualTo(windowFull(MIDNIGHT.plusSeconds(30)));
    assertThat(late.admit(MIDNIGHT.plusSeconds(30))).isInstanceOf(Admitted.class);
  }

  @Test
  void aReleasedSlotIsFreeAgainAndReleasingTwiceDoesNothing() {
    FreeModelLimiter limiter = limiter(2, 3);
    List<Permit> permits = admitAll(limiter, 2);

    assertThat(permits.get(0).release()).isTrue();
    assertThat(permits.get(0).release()).isFalse();
    assertThat(limiter.admit(clock.instant())).isInstanceOf(Admitted.class);
    assertThat(limiter.admit(clock.instant())).isInstanceOf(WaitUntil.class);
    clock.advance(Duration.ofMinutes(1));
    assertThat(limiter.admit(clock.instant())).isInstanceOf(Admitted.class);
    assertThat(limiter.admit(clock.instant())).as("3 a day: 4 admitted, 1 released")
        .isEqualTo(dayClosed(MIDNIGHT));
  }

  @Test
  void releasingYesterdaysPermitGivesNothingBackToday() {
    FreeModelLimiter limiter = new FreeModelLimiter(new FreeModelLimits(5, Duration.ofSeconds(1), 1, Duration.ZERO, 0));
    Permit yesterday = ((Admitted) limiter.admit(MIDNIGHT.minusSeconds(10))).permit();
    assertThat(limiter.admit(MIDNIGHT)).isInstanceOf(Admitted.class);

    yesterday.release();

    assertThat(limiter.admit(MIDNIGHT.plusSeconds(5))).isEqualTo(
        dayClosed(MIDNIGHT.plus(Duration.ofDays(1))));
  }

  @Test
  void aFreeDailyCapFromUpstreamClosesTheDayAtOnce() {
    FreeModelLimiter limiter = new FreeModelLimiter(FreeModelLimits.perDay(1000));
    Permit permit = ((Admitted) limiter.admit(clock.instant())).permit();
    Outcome cap = Classifier.classify(UpstreamErrors.fromErrorResponse(429, ResponseHeaders.none(),
        WireBodies.FREE_PER_DAY_HIGH_BALANCE.getBytes(StandardCharsets.UTF_8)), clock.instant());

    assertThat(permit.complete(cap, clock.instant())).isTrue();

    assertThat(limiter.admit(clock.instant())).isEqualTo(dayClosed(MIDNIGHT));
    assertThat(limiter.admit(MIDNIGHT)).isInstanceOf(Admitted.class);
  }

  @Test
  void aDailyCapReportedAfterMidnightForYesterdaysAttemptLeavesTodayOpen() {
    FreeModelLimiter limiter = new FreeModelLimiter(FreeModelLimits.defaults());
    Permit lastNight = ((Admitted) limiter.admit(MIDNIGHT.minusMillis(300))).permit();

    lastNight.complete(outcome(OutcomeType.FREE_DAILY_CAP, null, RateLimit.NONE), MIDNIGHT.plusMillis(200));

    assertThat(limiter.admit(MIDNIGHT.plusMillis(200))).isInstanceOf(Admitted.class);
  }

  @Test
  void aPerMinute429ClosesTheWindowUntilItsHintOrForAWholeWindow() {
    FreeModelLimiter limiter = new FreeModelLimiter(FreeModelLimits.defaults());
    Permit hinted = ((Admitted) limiter.admit(START)).permit();
    Permit unhinted = ((Admitted) limiter.admit(START)).permit();

    hinted.complete(outcome(OutcomeType.ACCOUNT_PER_MINUTE, START.plusSeconds(12), RateLimit.NONE), START);
    assertThat(limiter.admit(START)).isEqualTo(windowFull(START.plusSeconds(12)));

    unhinted.complete(outcome(OutcomeType.ACCOUNT_PER_MINUTE, null, RateLimit.NONE), START.plusSeconds(5));
    assertThat(limiter.admit(START.plusSeconds(12))).isEqualTo(
        windowFull(START.plusSeconds(65)));
  }

  @Test
  void reportedRemainingTightensButNeverLoosens() {
    FreeModelLimiter limiter = new FreeModelLimiter(FreeModelLimits.defaults());
    Permit permit = ((Admitted) limiter.admit(START)).permit();
    Instant reset = START.plusSeconds(30);

    permit.complete(outcome(OutcomeType.SUCCESS, null, new RateLimit(20L, 2L, reset)), START);

    assertThat(limiter.admit(START)).isInstanceOf(Admitted.class);
    assertThat(limiter.admit(START)).isInstanceOf(Admitted.class);
    assertThat(limiter.admit(START)).isEqualTo(windowFull(reset));

    FreeModelLimiter generous = limiter(20, 3);
    ((Admitted) generous.admit(START)).permit()
        .complete(outcome(OutcomeType.SUCCESS, null, new RateLimit(1000L, 999L, MIDNIGHT)), START);
    admitAll(generous, 2);
    assertThat(generous.admit(START)).isEqualTo(dayClosed(MIDNIGHT));
  }

  @Test
  void aWildHintClosesThePoolNoLongerThanUntilTheNextMidnightPlusAWindow() {
    FreeModelLimiter limiter = new FreeModelLimiter(FreeModelLimits.defaults());
    Permit permit = ((Admitted) limiter.admit(START)).permit();

    permit.complete(outcome(OutcomeType.FREE_DAILY_CAP, START.plus(Duration.ofDays(3)), RateLimit.NONE), START);

    assertThat(limiter.admit(START)).isEqualTo(dayClosed(MIDNIGHT.plusSeconds(60)));
  }

  @Test
  void anAttemptThatNeverLeftGivesItsSlotBackWhenCompleted() {
    FreeModelLimiter limiter = limiter(1, 50);
    Permit permit = ((Admitted) limiter.admit(START)).permit();

    permit.complete(Classifier.classify(GatewayFailure.CONNECT_FAILED, false, START), START);

    assertThat(limiter.admit(START)).isInstanceOf(Admitted.class);
    assertThat(permit.release()).as("already closed").isFalse();
  }

  @Test
  void anAttemptThatFailedUpstreamKeepsItsSlot() {
    FreeModelLimiter limiter = limiter(1, 50);
    Permit permit = ((Admitted) limiter.admit(START)).permit();

    permit.complete(Classifier.classify(GatewayFailure.FIRST_BYTE_TIMEOUT, false, START), START);

    assertThat(limiter.admit(START)).isEqualTo(windowFull(START.plusSeconds(60)));
  }

  @Test
  void theSafetyMarginSpacesWindowsFurtherAndHoldsBackTheReserve() {
    FreeModelLimits limits = new FreeModelLimits(1, Duration.ofMinutes(1), 3, Duration.ZERO, 0)
        .withSafetyMargin(Duration.ofSeconds(2), 1);
    FreeModelLimiter limiter = new FreeModelLimiter(limits);
    limiter.admit(START);

    assertThat(limiter.admit(START.plusSeconds(60))).isEqualTo(windowFull(START.plusSeconds(62)));
    assertThat(limiter.admit(START.plusSeconds(62))).isInstanceOf(Admitted.class);
    assertThat(limiter.admit(START.plusSeconds(200))).isEqualTo(dayClosed(MIDNIGHT));
  }

  @Test
  void aClockSteppingBackCannotReopenTheWindow() {
    FreeModelLimiter limiter = limiter(1, 50);
    Permit permit = ((Admitted) limiter.admit(START)).permit();

    assertThat(limiter.admit(START.minusSeconds(120))).isEqualTo(windowFull(START.plusSeconds(60)));
    assertThat(permit.admittedAt()).isEqualTo(START);
  }

  @Test
  void aWaitTellsItsRetryAfterInWholeSecondsRoundedUp() {
    WaitUntil wait = windowFull(START.plusMillis(1500));

    assertThat(wait.retryAfterSeconds(START)).isEqualTo(2);
    assertThat(wait.retryAfterSeconds(START.plusMillis(500))).isEqualTo(1);
    assertThat(wait.retryAfterSeconds(START.plusSeconds(5))).isZero();
    assertThat(wait.message()).contains("per-minute").contains("2026-10-10T15:00:01.500Z");
  }

  @Test
  void theEarliestAdmissionBehindOthersCountsOneWindowPerTwentyAhead() {
    FreeModelLimiter limiter = new FreeModelLimiter(FreeModelLimits.defaults());
    assertThat(limiter.earliestAdmission(19, START)).as("twenty fit now").isEqualTo(START);
    assertThat(limiter.earliestAdmission(20, START)).isEqualTo(START.plusSeconds(60));
    for (int i = 0; i < 20; i++) {
      limiter.admit(clock.instant());
      clock.advance(Duration.ofSeconds(2));
    }

    assertThat(limiter.earliestAdmission(0, clock.instant())).isEqualTo(START.plusSeconds(60));
    assertThat(limiter.earliestAdmission(5, clock.instant())).isEqualTo(START.plusSeconds(70));
    assertThat(limiter.earliestAdmission(20, clock.instant())).isEqualTo(START.plusSeconds(120));
    assertThat(limiter.earliestAdmission(25, clock.instant())).isEqualTo(START.plusSeconds(130));
  }

  @Test
  void theEarliestAdmissionPastTheDailyCapIsTheNextUtcMidnight() {
    FreeModelLimiter limiter = new FreeModelLimiter(new FreeModelLimits(20, Duration.ofMinutes(1), 25, Duration.ZERO, 0));
    admitAll(limiter, 20);

    assertThat(limiter.earliestAdmission(4, START)).isEqualTo(START.plusSeconds(60));
    assertThat(limiter.earliestAdmission(5, START)).isEqualTo(MIDNIGHT);
  }

  @Test
  void theEarliestAdmissionIsExactlyWhenGreedyAdmissionsGetThere() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int run = 0; run < 200; run++) {
      FreeModelLimiter limiter = new FreeModelLimiter(new FreeModelLimits(5, Duration.ofMinutes(1), 1000,
          Duration.ofSeconds(1), 0));
      Instant now = START;
      for (int i = random.nextInt(12); i > 0; i--) {
        now = admitAtOnceOrWhenAllowed(limiter, now.plusMillis(random.nextLong(30_000)));
      }
      int ahead = random.nextInt(17);
      Instant predicted = limiter.earliestAdmission(ahead, now);

      Instant at = now;
      for (int i = 0; i <= ahead; i++) {
        at = admitAtOnceOrWhenAllowed(limiter, at);
      }

      assertThat(at).as("run %d, %d ahead", run, ahead).isEqualTo(predicted);
    }
  }

  /** Admits at {@code now}, or at the instant the limiter names; returns when. */
  private static Instant admitAtOnceOrWhenAllowed(FreeModelLimiter limiter, Instant now) {
    Admission admission = limiter.admit(now);
    if (admission instanceof WaitUntil wait) {
      assertThat(limiter.admit(wait.instant())).isInstanceOf(Admitted.class);
      return wait.instant();
    }
    return now;
  }

  private List<Permit> admitAll(FreeModelLimiter limiter, int count) {
    List<Permit> permits = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (limiter.admit(clock.instant()) instanceof Admitted admitted) {
        permits.add(admitted.permit());
      }
    }
    return permits;
  }

  /** A limiter with a one-minute window. */
  private static FreeModelLimiter limiter(int perWindow, int perDay) {
    return new FreeModelLimiter(new FreeModelLimits(perWindow, Duration.ofMinutes(1), perDay, Duration.ZERO, 0));
  }

  private static WaitUntil windowFull(Instant until) {
    return new WaitUntil(until, WaitReason.MINUTE_WINDOW);
  }

  private static WaitUntil dayClosed(Instant until) {
    return new WaitUntil(until, WaitReason.DAILY_CAP);
  }

  private static Outcome outcome(OutcomeType type, Instant retryAt, RateLimit rateLimit) {
    return new Outcome(type, 429, false, null, retryAt, rateLimit, null, "", null);
  }

  @Test
  void aNewDailyCapAppliesAtOnceAndKeepsWhatWasCountedToday() {
    FreeModelLimiter limiter = new FreeModelLimiter(FreeModelLimits.perDay(2));
    limiter.admit(START);
    limiter.admit(START.plusSeconds(1));
    assertThat(limiter.admit(START.plusSeconds(2))).isInstanceOf(WaitUntil.class);
    limiter.changeRequestsPerDay(FreeModelLimits.REQUESTS_PER_DAY_WITH_CREDITS);
    assertThat(limiter.limits().requestsPerDay()).isEqualTo(1000);
    assertThat(limiter.admit(START.plusSeconds(2))).isInstanceOf(Admitted.class);
    limiter.changeRequestsPerDay(2);
    assertThat(limiter.admit(START.plusSeconds(3))).isEqualTo(new WaitUntil(MIDNIGHT, WaitReason.DAILY_CAP));
  }

  @Test
  void theRemainingCountOfTheKeyEndpointBoundsTheDayAndNeverLoosens() {
    FreeModelLimiter limiter = new FreeModelLimiter(FreeModelLimits.defaults());
    limiter.learnDailyRemaining(1, START);
    limiter.learnDailyRemaining(40, START);
    assertThat(limiter.admit(START)).isInstanceOf(Admitted.class);
    assertThat(limiter.admit(START.plusSeconds(1))).isEqualTo(new WaitUntil(MIDNIGHT, WaitReason.DAILY_CAP));
    assertThat(limiter.admit(MIDNIGHT)).isInstanceOf(Admitted.class);
  }
}
