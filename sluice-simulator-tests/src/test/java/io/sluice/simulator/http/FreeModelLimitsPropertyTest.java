package io.sluice.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.simulator.ManualSimClock;
import io.sluice.simulator.Simulator;
import io.sluice.simulator.scenario.Scenario;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester;
import io.sluice.testing.SimulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * For any pattern of requests, over real HTTP: no account gets more than 20 free-model requests
 * past the limiter (served or failed upstream, so successes too) in any 60 s, nor more than its
 * daily cap, and every attempt that reached the limiter (refused per minute, failed upstream, or
 * served) is on the daily counter.
 */
class FreeModelLimitsPropertyTest {

  private static final String SCENARIO = """
      name: property
      accounts:
        - id: acct
          keys:
            - {key: sk-or-v1-prop-1, label: one}
            - {key: sk-or-v1-prop-2, label: two}
      models:
        - id: vendor/m:free
          providers:
            - name: Flaky
              error-rates: {unavailable: 0.2, rate-limited: 0.1}
      """;
  private static final String BODY = "{\"model\":\"vendor/m:free\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
  private static final long MINUTE_MS = 60_000;

  private static ManualSimClock clock;
  private static Simulator simulator;
  private static HttpTester http;

  /** Wait {@code gap} then send with key {@code key}. */
  record Step(Duration gap, String key) {}

  @BeforeContainer
  static void start() {
    Scenario scenario = Scenarios.parse(SCENARIO, "property");
    clock = new ManualSimClock(SimulatorExtension.DEFAULT_START);
    simulator = Simulator.builder(scenario).clock(clock).port(0).start();
    http = new HttpTester(simulator.baseUri());
  }

  @AfterContainer
  static void stop() {
    http.close();
    simulator.close();
  }

  @Provide
  Arbitrary<List<Step>> patterns() {
    Arbitrary<Duration> gap = gaps();
    Arbitrary<String> key = Arbitraries.of("sk-or-v1-prop-1", "sk-or-v1-prop-2");
    return Combinators.combine(gap, key).as(Step::new).list().ofMinSize(1).ofMaxSize(160);
  }

  private static Arbitrary<Duration> gaps() {
    // Mostly bursts and short gaps (to press the minute window), sometimes hours (to cross midnight).
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(Duration.ZERO)),
        Tuple.of(10, Arbitraries.longs().between(1, 10_000).map(Duration::ofMillis)),
        Tuple.of(3, Arbitraries.longs().between(10_000, 120_000).map(Duration::ofMillis)),
        Tuple.of(1, Arbitraries.longs().between(1, 14).map(Duration::ofHours)));
  }

  @Property(tries = 30)
  void freeLimitsHoldForAnyRequestPattern(@ForAll("patterns") List<Step> steps) {
    simulator.reset();
    List<Long> admitted = new ArrayList<>();
    Map<LocalDate, Integer> reachedLimiter = new HashMap<>();
    for (Step step : steps) {
      clock.advance(step.gap());
      Instant now = clock.now();
      HttpTester.Reply reply = http.post("/api/v1/chat/completions", step.key(), BODY);
      String message = reply.status() == 200 ? "" : reply.json().get("error").get("message").asText();
      if (!message.startsWith("Rate limit exceeded: free-models-per")) {
        admitted.add(now.toEpochMilli());
      }
      if (!message.startsWith("Rate limit exceeded: free-models-per-day")) {
        reachedLimiter.merge(LocalDate.ofInstant(now, ZoneOffset.UTC), 1, Integer::sum);
      }
      int used = http.get("/api/v1/key", step.key()).json().get("data").get("free_model_daily_requests")
          .get("used").asInt();
      assertThat(used).isEqualTo(reachedLimiter.get(LocalDate.ofInstant(now, ZoneOffset.UTC)));
      assertThat(used).isLessThanOrEqualTo(50);
    }
    assertAtMostTwentyInAnyMinute(admitted);
    assertAtMostFiftyPerDay(admitted);
  }

  private static void assertAtMostTwentyInAnyMinute(List<Long> times) {
    for (long end : times) {
      long inWindow = times.stream().filter(t -> t > end - MINUTE_MS && t <= end).count();
      assertThat(inWindow).as("admitted in the minute ending %s", Instant.ofEpochMilli(end)).isLessThanOrEqualTo(20);
    }
  }

  private static void assertAtMostFiftyPerDay(List<Long> times) {
    Map<LocalDate, Long> perDay = new HashMap<>();
    times.forEach(t -> perDay.merge(LocalDate.ofInstant(Instant.ofEpochMilli(t), ZoneOffset.UTC), 1L, Long::sum));
    assertThat(perDay.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(50));
  }
}
