package io.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The manual clock: sleepers wake exactly when time reaches their deadline, never before; time
 * never moves backwards. Real-time waits here are only bounded waits for other threads.
 */
class ManualSimClockTest {

  private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final ManualSimClock clock = new ManualSimClock(START);

  /** Sleeps on a virtual thread; completes with the simulated time it woke at. */
  private static CompletableFuture<Instant> sleeper(ManualSimClock clock, Duration length) {
    CompletableFuture<Instant> woke = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        clock.sleep(length);
        woke.complete(clock.now());
      } catch (Throwable t) {
        woke.completeExceptionally(t);
      }
    });
    return woke;
  }

  private static Instant await(CompletableFuture<Instant> woke) throws Exception {
    return woke.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void timeStandsStillUntilAdvanced() {
    assertThat(clock.now()).isEqualTo(START);
    clock.advance(Duration.ofMinutes(3));

    assertThat(clock.now()).isEqualTo(START.plus(Duration.ofMinutes(3)));
    assertThat(clock.sleepers()).isZero();
  }

  @Test
  void aSleeperWakesExactlyAtItsDeadlineAndNotOneNanosecondBefore() throws Exception {
    CompletableFuture<Instant> woke = sleeper(clock, Duration.ofSeconds(10));
    assertThat(clock.awaitSleepers(1, WAIT)).isTrue();

    clock.advance(Duration.ofSeconds(9));
    clock.advance(Duration.ofMillis(999));
    clock.advance(Duration.ofNanos(999_999));
    assertThat(woke).isNotDone();
    assertThat(clock.sleepers()).isEqualTo(1);

    clock.advance(Duration.ofNanos(1));

    assertThat(await(woke)).isEqualTo(START.plusSeconds(10));
    assertThat(clock.sleepers()).isZero();
  }

  @Test
  void aSleeperCountsItsDeadlineFromWhenItStartedSleeping() throws Exception {
    clock.advance(Duration.ofHours(1));
    CompletableFuture<Instant> woke = sleeper(clock, Duration.ofSeconds(30));
    assertThat(clock.awaitSleepers(1, WAIT)).isTrue();

    clock.advance(Duration.ofSeconds(29));
    assertThat(woke).isNotDone();
    clock.advance(Duration.ofSeconds(1));

    assertThat(await(woke)).isEqualTo(START.plus(Duration.ofHours(1)).plusSeconds(30));
  }

  @Test
  void oneLargeStepWakesASleeperWhoseDeadlineItPasses() throws Exception {
    CompletableFuture<Instant> woke = sleeper(clock, Duration.ofSeconds(10));
    assertThat(clock.awaitSleepers(1, WAIT)).isTrue();

    clock.advance(Duration.ofDays(1));

    assertThat(await(woke)).isEqualTo(START.plus(Duration.ofDays(1)));
  }

  @Test
  void concurrentSleepersWakeInTurnAsTimeReachesEachDeadline() throws Exception {
    int count = 21;
    List<Duration> deadlines = new ArrayList<>();
    List<CompletableFuture<Instant>> woke = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Duration deadline = Duration.ofSeconds((i * 5L) % 7 + 1);
      deadlines.add(deadline);
      woke.add(sleeper(clock, deadline));
    }
    assertThat(clock.awaitSleepers(count, WAIT)).isTrue();

    for (int second = 1; second <= 7; second++) {
      clock.advance(Duration.ofSeconds(1));
      Duration now = Duration.ofSeconds(second);
      int stillAsleep = 0;
      for (int i = 0; i < count; i++) {
        if (deadlines.get(i).equals(now)) {
          assertThat(await(woke.get(i))).as("sleeper %d", i).isEqualTo(START.plus(now));
        } else if (deadlines.get(i).compareTo(now) > 0) {
          assertThat(woke.get(i)).as("sleeper %d at %s", i, now).isNotDone();
          stillAsleep++;
        }
      }
      assertThat(clock.sleepers()).isEqualTo(stillAsleep);
    }
    assertThat(clock.sleepers()).isZero();
  }

  @Test
  void awaitSleepersGivesUpWhenTooFewArriveInTime() throws Exception {
    assertThat(clock.awaitSleepers(1, Duration.ofMillis(20))).isFalse();
    CompletableFuture<Instant> woke = sleeper(clock, Duration.ofSeconds(1));

    assertThat(clock.awaitSleepers(1, WAIT)).isTrue();
    assertThat(clock.awaitSleepers(2, Duration.ofMillis(20))).isFalse();
    assertThat(clock.awaitSleepers(0, Duration.ZERO)).isTrue();

    clock.advance(Duration.ofSeconds(1));
    assertThat(await(woke)).isEqualTo(START.plusSeconds(1));
  }

  @Test
  void awaitSleepersWaitsForSleepersThatArriveLater() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Instant>> woke = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      CompletableFuture<Instant> one = new CompletableFuture<>();
      woke.add(one);
      Thread.ofVirtual().start(() -> {
        try {
          go.await();
          clock.sleep(Duration.ofMinutes(1));
          one.complete(clock.now());
        } catch (Throwable t) {
          one.completeExceptionally(t);
        }
      });
    }
    assertThat(clock.sleepers()).isZero();

    go.countDown();

    assertThat(clock.awaitSleepers(3, WAIT)).isTrue();
    clock.advance(Duration.ofMinutes(1));
    for (CompletableFuture<Instant> one : woke) {
      assertThat(await(one)).isEqualTo(START.plus(Duration.ofMinutes(1)));
    }
  }

  @Test
  void timeNeverMovesBackwards() {
    clock.advance(Duration.ofSeconds(5));

    assertThatThrownBy(() -> clock.advance(Duration.ofNanos(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("time only moves forward");
    clock.advance(Duration.ZERO);
    assertThat(clock.now()).isEqualTo(START.plusSeconds(5));
  }

  @Test
  void concurrentAdvancesAddUpAndNowNeverDecreases() throws Exception {
    int threads = 4;
    int steps = 2_000;
    AtomicReference<String> backwards = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      Thread.ofVirtual().start(() -> {
        for (int i = 0; i < steps; i++) {
          clock.advance(Duration.ofMillis(1));
        }
        done.countDown();
      });
    }
    Instant last = clock.now();
    while (done.getCount() > 0) {
      Instant now = clock.now();
      if (now.isBefore(last)) {
        backwards.set(last + " -> " + now);
      }
      last = now;
      Thread.onSpinWait();
    }

    assertThat(done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(backwards.get()).isNull();
    assertThat(clock.now()).isEqualTo(START.plusMillis((long) threads * steps));
  }

  @Test
  void anInterruptedSleeperStopsSleepingAndNoLongerCounts() throws Exception {
    CompletableFuture<Instant> woke = new CompletableFuture<>();
    Thread sleeping = Thread.ofVirtual().start(() -> {
      try {
        clock.sleep(Duration.ofHours(1));
        woke.complete(clock.now());
      } catch (Throwable t) {
        woke.completeExceptionally(t);
      }
    });
    assertThat(clock.awaitSleepers(1, WAIT)).isTrue();

    sleeping.interrupt();

    assertThatThrownBy(() -> await(woke)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(clock.sleepers()).isZero();
    assertThat(clock.now()).isEqualTo(START);
  }

  @Test
  void zeroAndNegativeSleepsReturnAtOnceWithoutMovingTime() throws Exception {
    clock.sleep(Duration.ZERO);
    clock.sleep(Duration.ofSeconds(-3));

    assertThat(clock.now()).isEqualTo(START);
    assertThat(clock.sleepers()).isZero();
  }

  @Test
  void autoAdvanceMovesTimeByEachSleepAndReturnsAtOnce() throws Exception {
    clock.autoAdvance(true);

    clock.sleep(Duration.ofSeconds(5));
    clock.sleep(Duration.ofMillis(250));

    assertThat(clock.now()).isEqualTo(START.plusSeconds(5).plusMillis(250));
    assertThat(clock.sleepers()).isZero();
  }

  @Test
  void autoAdvanceTreatsZeroAndNegativeSleepsAsNoWaitAtAll() throws Exception {
    clock.autoAdvance(true);

    clock.sleep(Duration.ZERO);
    clock.sleep(Duration.ofSeconds(-3));

    assertThat(clock.now()).isEqualTo(START);
  }

  @Test
  void anAutoAdvancingSleepWakesSleepersWhoseDeadlineItPasses() throws Exception {
    CompletableFuture<Instant> parked = sleeper(clock, Duration.ofSeconds(5));
    assertThat(clock.awaitSleepers(1, WAIT)).isTrue();

    clock.autoAdvance(true).sleep(Duration.ofSeconds(10));

    assertThat(await(parked)).isEqualTo(START.plusSeconds(10));
    assertThat(clock.now()).isEqualTo(START.plusSeconds(10));
  }
}
