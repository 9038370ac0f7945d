package io.sluice.app.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.app.bench.workload.PlannedRequest;
import io.sluice.app.bench.workload.RequestClass;
import io.sluice.simulator.scenario.Scenario;
import io.sluice.simulator.scenario.Scenarios;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TheoreticalMaximumTest {

  private static final Instant MORNING = Instant.parse("2026-01-05T09:00:00Z");

  private static Scenario scenario(double credits, double purchased, String models, String faults) {
    return Scenarios.parse("""
        name: t
        accounts:
          - id: acct
            credits: %s
            purchased: %s
            keys: [{key: sk-or-v1-test-0000, label: k}]
        models:
        %s
        faults: %s
        """.formatted(credits, purchased, models.indent(2), faults), "test");
  }

  private static final String FREE = """
      - id: v/free-a:free
        providers: [{name: P}]
      - id: v/free-b:free
        providers: [{name: Q}]
      """;

  private static final String PAID = """
      - id: v/paid
        pricing: {prompt: 0.000001, completion: 0.000001}
        providers:
          - name: Slow
            capacity: {requests-per-minute: 10, concurrency: 2}
            latency: {first-token: 10s}
      - id: v/small
        context-length: 4096
        pricing: {prompt: 0.000001, completion: 0.000001}
        providers: [{name: Small}]
      """;

  /** {@code count} requests arriving together at {@code atSeconds}, with one deadline and chain. */
  private static List<PlannedRequest> burst(int count, long atSeconds, long deadlineSeconds, String... chain) {
    List<PlannedRequest> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      requests.add(new PlannedRequest(i, Duration.ofSeconds(atSeconds), i % 2 == 0 ? RequestClass.INTERACTIVE
          : RequestClass.BATCH, List.of(chain), 0, 100, 64, Duration.ofSeconds(deadlineSeconds)));
    }
    return requests;
  }

  private static int maximum(Scenario scenario, List<PlannedRequest> schedule, Instant start) {
    return TheoreticalMaximum.of(scenario, "k", schedule, start).total();
  }

  @Test
  void theFreeDailyCapBindsWhenDeadlinesLeaveTimeForTheMinuteWindows() {
    assertThat(maximum(scenario(0, 0, FREE, "[]"), burst(100, 0, 3600, "v/free-a:free"), MORNING)).isEqualTo(50);
  }

  @Test
  void thePerMinuteWindowBindsWhenDeadlinesAreShort() {
    Scenario free = scenario(0, 0, FREE, "[]");

    assertThat(maximum(free, burst(30, 0, 30, "v/free-a:free"), MORNING)).isEqualTo(20);
    // A minute later the window has room again: the other 10 fit a 90 s deadline.
    assertThat(maximum(free, burst(30, 0, 90, "v/free-a:free"), MORNING)).isEqualTo(30);
  }

  @Test
  void freeLimitsAreAccountWideSoAFreeFallbackAddsNothing() {
    Scenario free = scenario(0, 0, FREE, "[]");

    assertThat(maximum(free, burst(30, 0, 30, "v/free-a:free", "v/free-b:free"), MORNING)).isEqualTo(20);
  }

  @Test
  void buyingCreditsRaisesTheDailyCap() {
    assertThat(maximum(scenario(10, 10, FREE, "[]"), burst(100, 0, 3600, "v/free-a:free"), MORNING)).isEqualTo(100);
  }

  @Test
  void theDailyCapResetsAtMidnightUtc() {
    // 20 at 23:57, 20 at 23:58, 10 at 23:59 (the cap), then from 00:00 a new day's 50.
    Instant lateEvening = Instant.parse("2026-01-05T23:57:00Z");

    assertThat(maximum(scenario(0, 0, FREE, "[]"), burst(120, 0, 600, "v/free-a:free"), lateEvening)).isEqualTo(100);
    assertThat(maximum(scenario(0, 0, FREE, "[]"), burst(120, 0, 600, "v/free-a:free"), MORNING)).isEqualTo(50);
  }

  @Test
  void aCertainOutageStopsAModelAndOnlyAFallbackServesMeanwhile() {
    String outage = "[{type: outage, model: v/free-a:free, from: 0s, until: 120s}]";
    Scenario down = scenario(10, 10, FREE, outage);

    assertThat(maximum(down, burst(10, 0, 30, "v/free-a:free"), MORNING)).isZero();
    assertThat(maximum(down, burst(10, 0, 200, "v/free-a:free"), MORNING)).isEqualTo(10); // after the outage
    assertThat(maximum(down, burst(10, 0, 30, "v/free-a:free", "v/free-b:free"), MORNING)).isEqualTo(10);
  }

  @Test
  void aProbableFaultIsRetriableAtNoCostSoItLimitsNothing() {
    String storm = "[{type: rate-limit, model: v/free-a:free, probability: 0.9}]";

    assertThat(maximum(scenario(10, 10, FREE, storm), burst(10, 0, 30, "v/free-a:free"), MORNING)).isEqualTo(10);
  }

  @Test
  void aFaultForAnotherKeyOrForStreamsOnlyLimitsNothing() {
    String others = "[{type: outage, key: someone-else}, {type: outage, stream: true}]";

    assertThat(maximum(scenario(10, 10, FREE, others), burst(10, 0, 30, "v/free-a:free"), MORNING)).isEqualTo(10);
  }

  @Test
  void paidModelsNeedCredits() {
    assertThat(maximum(scenario(0, 0, PAID, "[]"), burst(5, 0, 600, "v/small"), MORNING)).isZero();
    assertThat(maximum(scenario(5, 5, PAID, "[]"), burst(5, 0, 600, "v/small"), MORNING)).isEqualTo(5);
  }

  @Test
  void aProvidersConcurrencyAndLatencyBoundWhatFitsADeadline() {
    // Two at a time, 10 s each: two end at 10 s, two at 20 s; the next would end at 30 s, past 25 s.
    assertThat(maximum(scenario(5, 5, PAID, "[]"), burst(10, 0, 25, "v/paid"), MORNING)).isEqualTo(4);
  }

  @Test
  void aProvidersRequestsPerMinuteBoundAMinute() {
    // Two at a time every 10 s from 0 s to 40 s is ten starts; the eleventh waits for the window at 60 s.
    assertThat(maximum(scenario(5, 5, PAID, "[]"), burst(30, 0, 60, "v/paid"), MORNING)).isEqualTo(10);
  }

  @Test
  void aPromptTooLongForTheContextIsNeverServed() {
    List<PlannedRequest> long4k = List.of(new PlannedRequest(0, Duration.ZERO, RequestClass.BATCH, List.of("v/small"),
        0, 4000, 200, Duration.ofMinutes(10)));

    assertThat(maximum(scenario(5, 5, PAID, "[]"), long4k, MORNING)).isZero();
  }

  @Test
  void itCountsByClass() {
    TheoreticalMaximum max = TheoreticalMaximum.of(scenario(0, 0, FREE, "[]"), "k",
        burst(30, 0, 30, "v/free-a:free"), MORNING);

    assertThat(max.interactive() + max.batch()).isEqualTo(20);
    assertThat(max.interactive()).isEqualTo(10); // the ties go by index, alternating classes
  }
}
