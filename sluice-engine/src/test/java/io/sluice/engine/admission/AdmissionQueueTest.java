package io.sluice.engine.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.engine.admission.Offer.Queued;
import io.sluice.engine.admission.Offer.Reason;
import io.sluice.engine.admission.Offer.Refused;
import io.sluice.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AdmissionQueueTest {

  private static final Instant START = Instant.parse("2026-10-10T15:00:00Z");

  private final FakeClock clock = new FakeClock(START);
  private final AdmissionQueue queue = new AdmissionQueue(4);

  @Test
  void aWaiterIsAdmittedWhenTheOwnerHasCapacityAndLearnsHowLongItWaited() {
    Waiter waiter = queued("acme", Priority.INTERACTIVE, Duration.ofSeconds(30));
    assertThat(waiter.result()).isNotDone();

    clock.advance(Duration.ofSeconds(2));
    assertThat(queue.onCapacity(clock.instant())).contains(waiter);

    assertThat(waiter.result()).isCompletedWithValue(new Result.Admitted(Duration.ofSeconds(2)));
    assertThat(queue.size()).isZero();
    assertThat(queue.onCapacity(clock.instant())).isEmpty();
  }

  @Test
  void interactiveWaitersGoBeforeBatchOnesWhateverTheArrivalOrder() {
    Waiter batch = queued("acme", Priority.BATCH, Duration.ofMinutes(5));
    Waiter interactive = queued("acme", Priority.INTERACTIVE, Duration.ofMinutes(5));

    assertThat(queue.onCapacity(clock.instant())).contains(interactive);
    assertThat(queue.onCapacity(clock.instant())).contains(batch);
  }

  @Test
  void tenantsOfAClassTakeTurnsAndEachTenantsWaitersKeepTheirOrder() {
    Waiter a1 = queued("a", Priority.BATCH, Duration.ofMinutes(5));
    Waiter a2 = queued("a", Priority.BATCH, Duration.ofMinutes(5));
    Waiter a3 = queued("a", Priority.BATCH, Duration.ofMinutes(5));
    Waiter b1 = queued("b", Priority.BATCH, Duration.ofMinutes(5));

    assertThat(admitAll()).containsExactly(a1, b1, a2, a3);
  }

  @Test
  void aRequestThatCannotBeAdmittedBeforeItsDeadlineIsRefusedAtOnceWithTheExactWait() {
    Instant reopens = START.plusSeconds(42).plusMillis(300);

    Offer offer = queue.offer("acme", Priority.INTERACTIVE, START.plusSeconds(30), reopens, START);

    assertThat(offer).isInstanceOf(Refused.class);
    Refused refused = (Refused) offer;
    assertThat(refused.reason()).isEqualTo(Reason.DEADLINE_TOO_SOON);
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(42_300));
    assertThat(refused.message()).contains(reopens.toString());
    assertThat(queue.size()).isZero();
    assertThat(queue.offer("acme", Priority.INTERACTIVE, reopens, reopens, START)).isInstanceOf(Refused.class);
    assertThat(queue.offer("acme", Priority.INTERACTIVE, reopens.plusNanos(1), reopens, START)).isInstanceOf(Queued.class);
    assertThat(queue.offer("acme", Priority.INTERACTIVE, START, START, START)).isInstanceOf(Refused.class);
  }

  @Test
  void aFullQueueRefusesClearly() {
    for (int i = 0; i < 4; i++) {
      queued("t" + i, Priority.BATCH, Duration.ofMinutes(1));
    }

    Offer offer = queue.offer("late", Priority.INTERACTIVE, START.plusSeconds(60), START, START);

    assertThat(offer).isEqualTo(new Refused(Reason.QUEUE_FULL, Duration.ofSeconds(1),
        "The admission queue is full (4 requests waiting); retry after PT1S."));
    assertThat(((Refused) queue.offer("late", Priority.BATCH, START.plusSeconds(60), START.plusSeconds(9), START))
        .retryAfter()).isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void waitersTimeOutAtTheirDeadlineAndTheOwnerLearnsWhenToLookAgain() {
    Waiter soon = queued("a", Priority.INTERACTIVE, Duration.ofSeconds(5));
    Waiter later = queued("b", Priority.BATCH, Duration.ofSeconds(20));
    assertThat(queue.nextDeadline()).contains(START.plusSeconds(5));

    assertThat(queue.poll(START.plusSeconds(5).minusNanos(1))).isZero();
    assertThat(queue.poll(START.plusSeconds(5))).isEqualTo(1);

    assertThat(soon.result()).isCompletedWithValue(new Result.TimedOut(Duration.ofSeconds(5), Duration.ZERO));
    assertThat(queue.nextDeadline()).contains(START.plusSeconds(20));
    assertThat(queue.onCapacity(START.plusSeconds(21))).isEmpty();
    assertThat(later.result()).isCompletedWithValue(new Result.TimedOut(Duration.ofSeconds(21), Duration.ZERO));
    assertThat(queue.nextDeadline()).isEmpty();
  }

  @Test
  void waitersThatALaterAdmissionWouldMissAreToldAtOnceWithTheWait() {
    Waiter missesIt = queued("a", Priority.INTERACTIVE, Duration.ofSeconds(10));
    Waiter makesIt = queued("b", Priority.INTERACTIVE, Duration.ofSeconds(60));

    assertThat(queue.poll(START.plusSeconds(1), START.plusSeconds(30))).isEqualTo(1);

    assertThat(missesIt.result()).isCompletedWithValue(new Result.TimedOut(Duration.ofSeconds(1), Duration.ofSeconds(29)));
    assertThat(makesIt.result()).isNotDone();
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void aCancelledWaiterLeavesTheQueueAndItsTenantsTurnPasses() {
    Waiter a = queued("a", Priority.INTERACTIVE, Duration.ofMinutes(1));
    Waiter b = queued("b", Priority.INTERACTIVE, Duration.ofMinutes(1));

    assertThat(a.cancel()).isTrue();
    assertThat(a.cancel()).isFalse();

    assertThat(a.result()).isCancelled();
    assertThat(queue.onCapacity(clock.instant())).contains(b);
    assertThat(b.cancel()).isFalse();
  }

  @Test
  void resultsCompleteOutsideTheLockSoACallbackMayUseTheQueue() {
    Waiter waiter = queued("a", Priority.INTERACTIVE, Duration.ofMinutes(1));
    AtomicBoolean lockHeld = new AtomicBoolean(true);
    List<Offer> fromCallback = new ArrayList<>();
    waiter.result().thenRun(() -> {
      lockHeld.set(queue.lockHeldByCurrentThread());
      fromCallback.add(queue.offer("a", Priority.BATCH, START.plusSeconds(60), START, START));
    });

    queue.onCapacity(clock.instant());

    assertThat(lockHeld).isFalse();
    assertThat(fromCallback).singleElement().isInstanceOf(Queued.class);
  }

  @Test
  void admitWhileAdmitsInOrderUntilOneCannotGoAndThatOneKeepsItsPlace() {
    Waiter batch = queued("a", Priority.BATCH, Duration.ofMinutes(5));
    Waiter a1 = queued("a", Priority.INTERACTIVE, Duration.ofMinutes(5));
    Waiter a2 = queued("a", Priority.INTERACTIVE, Duration.ofMinutes(5));
    Waiter b1 = queued("b", Priority.INTERACTIVE, Duration.ofMinutes(5));
    List<Waiter> asked = new ArrayList<>();
    int[] slots = {2};

    List<Waiter> admitted = queue.admitWhile(clock.instant(), waiter -> {
      asked.add(waiter);
      return slots[0]-- > 0;
    });

    assertThat(admitted).containsExactly(a1, b1);
    assertThat(asked).containsExactly(a1, b1, a2);
    assertThat(a1.result()).isCompletedWithValue(new Result.Admitted(Duration.ZERO));
    assertThat(a2.result()).isNotDone();
    assertThat(admitAll()).as("the one that could not go is still first").containsExactly(a2, batch);
  }

  @Test
  void admitWhileTimesOutExpiredWaitersWithoutAskingForThem() {
    Waiter soon = queued("a", Priority.INTERACTIVE, Duration.ofSeconds(5));
    Waiter later = queued("b", Priority.INTERACTIVE, Duration.ofMinutes(5));
    clock.advance(Duration.ofSeconds(5));
    List<Waiter> asked = new ArrayList<>();

    assertThat(queue.admitWhile(clock.instant(), waiter -> asked.add(waiter) && false)).isEmpty();

    assertThat(asked).containsExactly(later);
    assertThat(soon.result()).isCompletedWithValue(new Result.TimedOut(Duration.ofSeconds(5), Duration.ZERO));
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void admitWhileAsksUnderTheLockAndCompletesOutsideIt() {
    Waiter waiter = queued("a", Priority.INTERACTIVE, Duration.ofMinutes(5));
    AtomicBoolean askedUnderLock = new AtomicBoolean();
    AtomicBoolean completedUnderLock = new AtomicBoolean(true);
    waiter.result().thenRun(() -> completedUnderLock.set(queue.lockHeldByCurrentThread()));

    queue.admitWhile(clock.instant(), w -> {
      askedUnderLock.set(queue.lockHeldByCurrentThread());
      return true;
    });

    assertThat(askedUnderLock).isTrue();
    assertThat(completedUnderLock).isFalse();
  }

  @Test
  void aNewRequestSurelyFollowsHigherClassesAndItsOwnTenantsWaiters() {
    queued("a", Priority.INTERACTIVE, Duration.ofMinutes(5));
    queued("a", Priority.BATCH, Duration.ofMinutes(5));
    queued("b", Priority.BATCH, Duration.ofMinutes(5));
    queued("b", Priority.BATCH, Duration.ofMinutes(5));

    assertThat(queue.ahead("a", Priority.INTERACTIVE)).isEqualTo(1);
    assertThat(queue.ahead("c", Priority.INTERACTIVE)).isZero();
    assertThat(queue.ahead("b", Priority.BATCH)).isEqualTo(3);
    assertThat(queue.ahead("c", Priority.BATCH)).isEqualTo(1);
  }

  @Test
  void aQueueHoldsAtLeastOne() {
    assertThatThrownBy(() -> new AdmissionQueue(0)).hasMessageContaining("was 0");
  }

  private Waiter queued(String tenant, Priority priority, Duration deadlineIn) {
    Offer offer = queue.offer(tenant, priority, clock.instant().plus(deadlineIn), clock.instant(), clock.instant());
    assertThat(offer).isInstanceOf(Queued.class);
    return ((Queued) offer).waiter();
  }

  private List<Waiter> admitAll() {
    List<Waiter> admitted = new ArrayList<>();
    for (var next = queue.onCapacity(clock.instant()); next.isPresent(); next = queue.onCapacity(clock.instant())) {
      admitted.add(next.get());
    }
    return admitted;
  }
}
