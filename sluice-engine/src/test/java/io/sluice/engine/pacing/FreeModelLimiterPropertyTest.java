package io.sluice.engine.pacing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The limiter's invariant and liveness (see {@link FreeModelLimiter}) over generated runs on a
 * fake clock: bursts at one instant, gaps from milliseconds to hours, runs that cross UTC
 * midnight, releases, and upstream signals. Every answer is also compared with {@link Model}.
 */
class FreeModelLimiterPropertyTest {

  private static final Instant A_MIDNIGHT = Instant.parse("2026-10-11T00:00:00Z");

  @Property(tries = 400)
  void noWindowNorDayIsEverOverfilledAndEveryNamedInstantAdmits(
      @ForAll("limits") FreeModelLimits limits,
      @ForAll("starts") Instant start,
      @ForAll("runs") List<Step> steps) {
    new Run(limits, start).play(steps);

    Statistics.label("waits").coverage(checker -> {
      checker.check(WaitReason.MINUTE_WINDOW).count(n -> n > 100);
      checker.check(WaitReason.DAILY_CAP).count(n -> n > 100);
    });
    Statistics.label("admitted at the named instant").coverage(checker -> {
      checker.check(WaitReason.MINUTE_WINDOW).count(n -> n > 30);
      checker.check(WaitReason.DAILY_CAP).count(n -> n > 30);
    });
    Statistics.label("UTC days with admissions").coverage(checker -> checker.check(2).percentage(p -> p > 10));
  }

  @Provide
  Arbitrary<FreeModelLimits> limits() {
    Arbitrary<Duration> windows = Arbitraries.of(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60));
    return Combinators.combine(
            Arbitraries.integers().between(1, 25),
            windows,
            Arbitraries.integers().between(1, 80),
            Arbitraries.of(0, 4),
            Arbitraries.integers().between(0, 3))
        .as((perWindow, window, perDay, marginQuarters, reserve) -> new FreeModelLimits(perWindow, window, perDay,
            window.multipliedBy(marginQuarters).dividedBy(16), Math.min(reserve, perDay - 1)));
  }

  /** Up to three hours before a UTC midnight, so that runs cross it. */
  @Provide
  Arbitrary<Instant> starts() {
    return Arbitraries.longs().between(0, Duration.ofHours(3).toMillis()).map(A_MIDNIGHT::minusMillis);
  }

  @Provide
  Arbitrary<List<Step>> runs() {
    Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1000);
    @SuppressWarnings("unchecked")
    Arbitrary<Step> step = Arbitraries.frequencyOf(
        Tuple.of(30, Arbitraries.just(new Step.Admit())),
        Tuple.of(8, Arbitraries.just(new Step.AdmitAtWait())),
        Tuple.of(25, advances().map(Step.Advance::new)),
        Tuple.of(2, Arbitraries.longs().between(-2000, 2000).map(Step.ToMidnight::new)),
        Tuple.of(5, Combinators.combine(pick, Arbitraries.of(true, false)).as(Step.Release::new)),
        Tuple.of(1, Combinators.combine(pick, Arbitraries.of(true, false)).as(Step.DailyCap::new)),
        Tuple.of(2, Combinators.combine(pick, Arbitraries.integers().between(1, 120).map(Duration::ofSeconds)
            .injectNull(0.3)).as(Step.MinuteCap::new)),
        Tuple.of(1, Combinators.combine(pick, Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(1, 90).map(Duration::ofSeconds).injectNull(0.4)).as(Step.Remaining::new)));
    return step.list().ofMinSize(1).ofMaxSize(300);
  }

  private static Arbitrary<Duration> advances() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.just(Duration.ZERO)),
        Tuple.of(40, Arbitraries.longs().between(1, 2_000).map(Duration::ofMillis)),
        Tuple.of(35, Arbitraries.longs().between(1, 70).map(Duration::ofSeconds)),
        Tuple.of(8, Arbitraries.longs().between(5, 90).map(Duration::ofMinutes)),
        Tuple.of(3, Arbitraries.longs().between(1, 10).map(Duration::ofHours)));
  }
}
