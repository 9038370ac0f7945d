package io.sluice.app.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScheduleTest {

  private static Workload workload(Arrival arrival, int requests, double interactiveShare) {
    return new Workload("w", null, "free-tier", null, 5L, Duration.ofMinutes(4), requests, arrival, interactiveShare,
        new ClassSpec(2, Duration.ofSeconds(30)), new ClassSpec(1, Duration.ofMinutes(5)), new TokenRange(10, 20),
        new TokenRange(30, 40), List.of(new ModelChoice("a", 3.0, List.of("b")), new ModelChoice("b", 1.0, null)));
  }

  @Test
  void steadyArrivalsAreEvenlySpacedInTheMiddleOfTheirSlots() {
    List<Duration> arrivals = Schedule.arrivals(Arrival.STEADY, Duration.ofMinutes(4), 4);

    assertThat(arrivals).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(150),
        Duration.ofSeconds(210));
  }

  @Test
  void burstsHoldTheirShareOfTheRequestsAndTheRestFallBetween() {
    Arrival bursts = new Arrival("bursts", Duration.ofMinutes(1), Duration.ofSeconds(15), 0.75);

    List<Duration> arrivals = Schedule.arrivals(bursts, Duration.ofMinutes(4), 40);

    long inBursts = arrivals.stream().filter(t -> t.toSeconds() % 60 < 15).count();
    assertThat(arrivals).hasSize(40).isSorted();
    assertThat(inBursts).isEqualTo(30);
    assertThat(arrivals.getLast()).isLessThan(Duration.ofMinutes(4));
  }

  @Test
  void theInteractiveShareIsExactAndEachRequestCarriesItsClassDeadline() {
    List<PlannedRequest> schedule = Schedule.of(workload(Arrival.STEADY, 101, 0.3));

    Map<RequestClass, Long> byClass = schedule.stream()
        .collect(Collectors.groupingBy(PlannedRequest::type, Collectors.counting()));
    assertThat(byClass).containsEntry(RequestClass.INTERACTIVE, 30L).containsEntry(RequestClass.BATCH, 71L);
    assertThat(schedule).allSatisfy(r -> assertThat(r.deadline())
        .isEqualTo(r.type() == RequestClass.INTERACTIVE ? Duration.ofSeconds(30) : Duration.ofMinutes(5)));
  }

  @Test
  void sizesStayInTheirRangesAndModelsFollowTheirWeights() {
    List<PlannedRequest> schedule = Schedule.of(workload(Arrival.STEADY, 2000, 0.5));

    assertThat(schedule).allSatisfy(r -> {
      assertThat(r.promptTokens()).isBetween(10, 20);
      assertThat(r.maxTokens()).isBetween(30, 40);
    });
    Map<String, Long> byModel = schedule.stream()
        .collect(Collectors.groupingBy(PlannedRequest::model, Collectors.counting()));
    assertThat(byModel.get("a")).isBetween(1400L, 1600L); // weight 3 of 4
    assertThat(schedule.stream().filter(r -> r.model().equals("a")))
        .allSatisfy(r -> assertThat(r.chain()).containsExactly("a", "b"));
  }

  @Test
  void theSameSeedGivesTheSameScheduleAndIndicesFollowArrivals() {
    Workload w = workload(new Arrival("bursts", Duration.ofMinutes(1), Duration.ofSeconds(10), null), 50, 0.4);

    List<PlannedRequest> first = Schedule.of(w);

    assertThat(Schedule.of(w)).isEqualTo(first);
    assertThat(first).extracting(PlannedRequest::index).containsExactlyElementsOf(
        java.util.stream.IntStream.range(0, 50).boxed().toList());
    assertThat(first).extracting(PlannedRequest::arrival).isSorted();
    assertThat(first.stream().map(PlannedRequest::route).collect(Collectors.toSet())).containsExactlyInAnyOrder(0, 1);
    assertThat(first.stream().collect(Collectors.toMap(PlannedRequest::route, PlannedRequest::model, (x, y) -> x)))
        .containsEntry(0, "a").containsEntry(1, "b");
    assertThat(first.getFirst().due()).isEqualTo(first.getFirst().arrival().plus(first.getFirst().deadline()));
  }
}
