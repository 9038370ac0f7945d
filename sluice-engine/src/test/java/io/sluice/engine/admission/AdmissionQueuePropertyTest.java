package io.sluice.engine.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.engine.admission.Offer.Queued;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Over generated runs of offers, admissions, cancellations and time on a fake clock: no batch
 * waiter is admitted while an interactive one waits, and while a tenant waits no other tenant of
 * its class is admitted more than once before it. Every waiter's wait ends exactly once.
 */
class AdmissionQueuePropertyTest {

  private static final Instant START = Instant.parse("2026-10-10T15:00:00Z");

  sealed interface Op {
    record Enqueue(int tenant, Priority priority, int deadlineSeconds) implements Op {}

    record Admit() implements Op {}

    record Advance(int seconds) implements Op {}

    record Cancel(int pick) implements Op {}
  }

  @Property(tries = 300)
  void interactiveFirstAndNoTenantWaitsMoreThanOneTurnBehindAnother(@ForAll("runs") List<Op> ops) {
    AdmissionQueue queue = new AdmissionQueue(12);
    Instant now = START;
    List<Waiter> live = new ArrayList<>();
    List<Waiter> all = new ArrayList<>();
    // (class, waiting tenant) -> admissions of each other tenant of the class since it last went or joined
    Map<String, Map<String, Integer>> othersSince = new HashMap<>();

    for (Op op : ops) {
      switch (op) {
        case Op.Enqueue enqueue -> {
          Offer offer = queue.offer("t" + enqueue.tenant(), enqueue.priority(),
              now.plusSeconds(enqueue.deadlineSeconds()), now, now);
          if (offer instanceof Queued queued) {
            live.add(queued.waiter());
            all.add(queued.waiter());
          } else {
            assertThat(live).hasSize(queue.capacity());
          }
        }
        case Op.Admit admit -> {
          Optional<Waiter> admitted = queue.onCapacity(now);
          live.removeIf(w -> w.result().isDone() && admitted.map(a -> a != w).orElse(true));
          forgetTenantsThatLeft(othersSince, live);
          admitted.ifPresent(waiter -> {
            live.remove(waiter);
            if (waiter.priority() == Priority.BATCH) {
              assertThat(live).noneMatch(w -> w.priority() == Priority.INTERACTIVE);
            }
            live.stream().filter(w -> w.priority() == waiter.priority() && !w.tenant().equals(waiter.tenant()))
                .map(AdmissionQueuePropertyTest::key).distinct().forEach(waiting -> {
                  int count = othersSince.computeIfAbsent(waiting, k -> new HashMap<>())
                      .merge(waiter.tenant(), 1, Integer::sum);
                  assertThat(count).as("%s admitted twice while %s waits", waiter.tenant(), waiting).isLessThanOrEqualTo(1);
                });
            othersSince.remove(key(waiter));
          });
          if (admitted.isEmpty()) {
            assertThat(live).isEmpty();
          }
        }
        case Op.Advance advance -> {
          now = now.plusSeconds(advance.seconds());
          queue.poll(now);
          live.removeIf(w -> w.result().isDone());
          forgetTenantsThatLeft(othersSince, live);
        }
        case Op.Cancel cancel -> {
          if (!live.isEmpty()) {
            Waiter waiter = live.remove(cancel.pick() % live.size());
            assertThat(waiter.cancel()).isTrue();
            forgetTenantsThatLeft(othersSince, live);
          }
        }
      }
      assertThat(queue.size()).isEqualTo(live.size());
    }
    assertThat(all).filteredOn(w -> !live.contains(w)).allMatch(w -> w.result().isDone());
    assertThat(live).noneMatch(w -> w.result().isDone());
  }

  private static void forgetTenantsThatLeft(Map<String, Map<String, Integer>> othersSince, List<Waiter> live) {
    othersSince.keySet().removeIf(k -> live.stream().noneMatch(w -> key(w).equals(k)));
  }

  private static String key(Waiter waiter) {
    return waiter.priority() + "/" + waiter.tenant();
  }

  @Provide
  Arbitrary<List<Op>> runs() {
    @SuppressWarnings("unchecked")
    Arbitrary<Op> op = Arbitraries.frequencyOf(
        Tuple.of(10, Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.of(Priority.class),
            Arbitraries.integers().between(1, 120)).as(Op.Enqueue::new)),
        Tuple.of(8, Arbitraries.just(new Op.Admit())),
        Tuple.of(3, Arbitraries.integers().between(0, 30).map(Op.Advance::new)),
        Tuple.of(1, Arbitraries.integers().between(0, 100).map(Op.Cancel::new)));
    return op.list().ofMinSize(1).ofMaxSize(200);
  }

}
