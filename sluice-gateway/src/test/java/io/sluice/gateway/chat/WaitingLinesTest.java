package io.sluice.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.ImmediateEventExecutor;
import io.sluice.engine.Step;
import io.sluice.engine.admission.Offer;
import io.sluice.engine.admission.Priority;
import io.sluice.gateway.ManualTimers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order in which waiting requests get a shared capacity, with the engine replaced by a count of
 * free slots: each request's next step is a send while a slot is free, a wait in the line otherwise.
 */
class WaitingLinesTest {

  private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");
  private static final String LINE = Step.Wait.modelLine("sim/busy");

  private final ManualTimers timers = new ManualTimers(START);
  private final WaitingLines lines = new WaitingLines(3, Duration.ofSeconds(30), (ahead, now) -> now, timers, timers);
  private final List<String> sent = new ArrayList<>();
  private final List<String> timedOut = new ArrayList<>();
  private int freeSlots;
  private Instant slotExpected = START.plusSeconds(1);

  @Test
  void aFreedSlotGoesToTheInteractiveWaiterThoughBatchOnesWaitedLonger() {
    join("batch-1", "bulk", Priority.BATCH);
    join("batch-2", "bulk", Priority.BATCH);
    join("interactive", "acme", Priority.INTERACTIVE);

    free(1);

    assertThat(sent).containsExactly("interactive");
    assertThat(lines.waiting(LINE)).isEqualTo(2);
    free(2);
    assertThat(sent).containsExactly("interactive", "batch-1", "batch-2");
  }

  @Test
  void tenantsOfAClassTakeTurns() {
    join("a-1", "a", Priority.BATCH);
    join("a-2", "a", Priority.BATCH);
    join("b-1", "b", Priority.BATCH);

    free(2);

    assertThat(sent).containsExactly("a-1", "b-1");
  }

  @Test
  void theHeadThatFindsNoSlotKeepsItsPlaceBeforeLaterArrivals() {
    join("first", "a", Priority.BATCH);
    lines.freed(LINE); // asked with no slot free: it must wait again
    join("second", "a", Priority.BATCH);

    free(1);

    assertThat(sent).containsExactly("first");
  }

  @Test
  void theLineAsksAgainAtTheInstantTheEngineNamed() {
    slotExpected = START.plusSeconds(5);
    join("waiting", "a", Priority.INTERACTIVE);
    freeSlots = 1;

    timers.advance(Duration.ofMillis(4_999));
    assertThat(sent).isEmpty();
    timers.advance(Duration.ofMillis(1));
    assertThat(sent).containsExactly("waiting");
  }

  @Test
  void aWaiterWhoseDeadlineComesFirstIsToldWithTheTimeTheLineExpectsAFreeSlot() {
    slotExpected = START.plusSeconds(5);
    join("hurried", "a", Priority.INTERACTIVE, START.plusSeconds(10));
    slotExpected = START.plusSeconds(20); // at 5 s, the slot it hoped for went elsewhere

    timers.advance(Duration.ofSeconds(10));

    assertThat(sent).isEmpty();
    assertThat(timedOut).containsExactly("hurried after PT10S, retry after PT10S");
    assertThat(lines.waiting(LINE)).isZero();
  }

  @Test
  void noRequestWaitsInLineLongerThanMaxWait() {
    slotExpected = START.plusSeconds(5);
    join("patient", "a", Priority.INTERACTIVE, START.plusSeconds(120));
    slotExpected = START.plusSeconds(40);

    timers.advance(Duration.ofMillis(30_000));
    assertThat(timedOut).isEmpty();
    timers.advance(Duration.ofMillis(1));

    assertThat(timedOut).containsExactly("patient after PT30.001S, retry after PT9.999S");
  }

  @Test
  void aFullLineRefusesAtOnce() {
    join("1", "a", Priority.BATCH);
    join("2", "a", Priority.BATCH);
    join("3", "a", Priority.BATCH);

    Offer fourth = lines.join(inLine(), turn("4"), "a", Priority.INTERACTIVE, START.plusSeconds(60),
        ImmediateEventExecutor.INSTANCE);

    assertThat(fourth).isInstanceOfSatisfying(Offer.Refused.class,
        refused -> assertThat(refused.reason()).isEqualTo(Offer.Reason.QUEUE_FULL));
  }

  @Test
  void aWaiterThatLeavesGivesUpItsTurn() {
    Offer.Queued leaving = join("leaving", "a", Priority.INTERACTIVE);
    join("staying", "b", Priority.INTERACTIVE);

    assertThat(leaving.waiter().cancel()).isTrue();
    free(1);

    assertThat(sent).containsExactly("staying");
  }

  private void free(int slots) {
    freeSlots += slots;
    lines.freed(LINE);
  }

  private Offer.Queued join(String name, String tenant, Priority priority) {
    return join(name, tenant, priority, START.plusSeconds(60));
  }

  private Offer.Queued join(String name, String tenant, Priority priority, Instant deadline) {
    Offer offer = lines.join(inLine(), turn(name), tenant, priority, deadline, ImmediateEventExecutor.INSTANCE);
    assertThat(offer).isInstanceOf(Offer.Queued.class);
    return (Offer.Queued) offer;
  }

  private Step.Wait inLine() {
    return new Step.Wait(slotExpected, Step.Reason.AT_CONCURRENCY_LIMIT, LINE);
  }

  private WaitingLines.Turn turn(String name) {
    return new WaitingLines.Turn() {
      @Override
      public Step next(Instant now) {
        if (freeSlots == 0) {
          return inLine();
        }
        freeSlots--;
        return new Step.Send("sim/busy", 1, false, null);
      }

      @Override
      public void admitted(Step step, Duration queuedFor) {
        assertThat(step).isInstanceOf(Step.Send.class);
        sent.add(name);
      }

      @Override
      public void timedOut(Duration queuedFor, Duration retryAfter) {
        timedOut.add(name + " after " + queuedFor + ", retry after " + retryAfter);
      }
    };
  }
}
