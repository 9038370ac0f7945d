package io.sluice.engine.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.outcome.Classifier;
import io.sluice.engine.outcome.GatewayFailure;
import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.outcome.Outcome.RateLimit;
import io.sluice.engine.outcome.OutcomeType;
import io.sluice.engine.pacing.Admission.Admitted;
import io.sluice.engine.pacing.Admission.WaitUntil;
import io.sluice.engine.pacing.Model.Entry;
import io.sluice.engine.pacing.Model.Signal;
import io.sluice.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.statistics.Statistics;

/** Plays generated steps against a limiter on a fake clock, checking each answer against the {@link Model}. */
final class Run {

  private final FreeModelLimiter limiter;
  private final FakeClock clock;
  private final Model model;
  private final Duration spacing;
  private WaitUntil lastWait;
  /** Nothing was admitted or learned since {@link #lastWait}: admission at its instant must succeed. */
  private boolean waitLive;
  /** Nor released: admission just before its instant must fail. */
  private boolean waitExact;

  Run(FreeModelLimits limits, Instant start) {
    this.limiter = new FreeModelLimiter(limits);
    this.clock = new FakeClock(start);
    this.model = new Model(limits);
    this.spacing = limits.spacing();
  }

  void play(List<Step> steps) {
    steps.forEach(this::play);
    model.checkInvariant();
    Statistics.label("UTC days with admissions")
        .collect((int) Math.min(2, model.entries.stream().map(e -> Model.day(e.at())).distinct().count()));
  }

  private void play(Step step) {
    switch (step) {
      case Step.Advance advance -> clock.advance(advance.by());
      case Step.ToMidnight midnight -> moveTo(Model.nextMidnight(now()).plusMillis(midnight.offsetMillis()));
      case Step.Admit admit -> admit();
      case Step.AdmitAtWait atWait -> admitAtWait();
      case Step.Release release -> release(release);
      case Step.DailyCap cap -> dailyCap(cap);
      case Step.MinuteCap cap -> minuteCap(cap);
      case Step.Remaining remaining -> remaining(remaining);
    }
  }

  private Admission admit() {
    Instant now = now();
    Admission answer = limiter.admit(now);
    if (!model.countedSignalInForce(now)) {
      Optional<WaitUntil> expected = model.expectedWait(now);
      assertThat(answer instanceof WaitUntil wait ? Optional.of(wait) : Optional.empty())
          .as("the answer at %s", now).isEqualTo(expected);
    }
    switch (answer) {
      case Admitted admitted -> {
        assertThat(admitted.permit().admittedAt()).isEqualTo(now);
        model.entries.add(new Entry(admitted.permit()));
        waitLive = false;
      }
      case WaitUntil wait -> {
        assertThat(wait.instant()).as("a wait names a later instant").isAfter(now);
        Statistics.label("waits").collect(wait.reason());
        lastWait = wait;
        waitLive = true;
        waitExact = true;
      }
    }
    return answer;
  }

  /** Liveness: at the named instant admitted; just before it, not (when nothing intervened). */
  private void admitAtWait() {
    if (lastWait == null || !waitLive) {
      admit();
      return;
    }
    WaitUntil named = lastWait;
    Instant justBefore = named.instant().minusNanos(1);
    if (waitExact && justBefore.isAfter(now())) {
      moveTo(justBefore);
      assertThat(limiter.admit(now())).as("a nanosecond before the named instant").isEqualTo(named);
    }
    moveTo(named.instant());
    assertThat(admit()).as("at the instant %s named", named).isInstanceOf(Admitted.class);
    Statistics.label("admitted at the named instant").collect(named.reason());
  }

  private void release(Step.Release step) {
    if (model.entries.isEmpty()) {
      return;
    }
    Entry entry = model.entries.get(step.pick() % model.entries.size());
    boolean open = !entry.released && !entry.completed;
    boolean closed = step.throughOutcome()
        ? entry.permit.complete(Classifier.classify(GatewayFailure.CONNECT_FAILED, false, now()), now())
        : entry.permit.release();
    assertThat(closed).as("only an open permit closes").isEqualTo(open);
    if (open) {
      entry.released = true;
      waitExact = false;
    }
  }

  private void dailyCap(Step.DailyCap step) {
    Instant now = now();
    Instant midnight = Model.nextMidnight(now);
    Outcome outcome = step.withReset()
        ? outcome(OutcomeType.FREE_DAILY_CAP, midnight, new RateLimit(1000L, 0L, midnight))
        : outcome(OutcomeType.FREE_DAILY_CAP, null, RateLimit.NONE);
    complete(step.pick(), outcome).ifPresent(entry -> {
      Instant until = step.withReset() ? midnight : Model.nextMidnight(entry.at());
      signal(until, 0, WaitReason.DAILY_CAP);
      if (step.withReset()) {
        signal(midnight, 0, windowOf(midnight));
      }
    });
  }

  private void minuteCap(Step.MinuteCap step) {
    Instant hint = step.retryAfter() == null ? null : now().plus(step.retryAfter());
    complete(step.pick(), outcome(OutcomeType.ACCOUNT_PER_MINUTE, hint, RateLimit.NONE)).ifPresent(entry ->
        signal(hint != null ? hint : now().plus(spacing), 0, WaitReason.MINUTE_WINDOW));
  }

  private void remaining(Step.Remaining step) {
    Instant reset = step.resetIn() == null ? Model.nextMidnight(now()) : now().plus(step.resetIn());
    Outcome outcome = outcome(OutcomeType.SUCCESS, null, new RateLimit(null, (long) step.remaining(), reset));
    complete(step.pick(), outcome).ifPresent(entry -> signal(reset, step.remaining(), windowOf(reset)));
  }

  private Optional<Entry> complete(int pick, Outcome outcome) {
    List<Entry> open = model.entries.stream().filter(e -> !e.released && !e.completed).toList();
    if (open.isEmpty()) {
      return Optional.empty();
    }
    Entry entry = open.get(pick % open.size());
    assertThat(entry.permit.complete(outcome, now())).isTrue();
    entry.completed = true;
    waitLive = false;
    waitExact = false;
    return Optional.of(entry);
  }

  /** Records what the limiter was told, bounded as documented: never past the next midnight plus a window. */
  private void signal(Instant until, long allowed, WaitReason reason) {
    Instant bound = Model.nextMidnight(now()).plus(spacing);
    Instant end = until.isAfter(bound) ? bound : until;
    if (end.isAfter(now())) {
      model.signals.add(new Signal(model.entries.size(), end, allowed, reason));
    }
  }

  private WaitReason windowOf(Instant reset) {
    return reset.isAfter(now().plus(spacing)) ? WaitReason.DAILY_CAP : WaitReason.MINUTE_WINDOW;
  }

  private static Outcome outcome(OutcomeType type, Instant retryAt, RateLimit rateLimit) {
    return new Outcome(type, type == OutcomeType.SUCCESS ? 200 : 429, false, null, retryAt, rateLimit, null,
        type == OutcomeType.SUCCESS ? "" : "Rate limit exceeded", null);
  }

  private void moveTo(Instant instant) {
    if (instant.isAfter(now())) {
      clock.set(instant);
    }
  }

  private Instant now() {
    return clock.instant();
  }
}
