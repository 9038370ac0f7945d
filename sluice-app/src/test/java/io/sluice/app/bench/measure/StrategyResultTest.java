package io.sluice.app.bench.measure;

import static io.sluice.app.bench.Fixtures.abandoned;
import static io.sluice.app.bench.Fixtures.failed;
import static io.sluice.app.bench.Fixtures.ok;
import static io.sluice.app.bench.Fixtures.request;
import static io.sluice.app.bench.Fixtures.result;
import static io.sluice.app.bench.Fixtures.stats;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.app.bench.client.Cause;
import io.sluice.app.bench.client.RequestRecord;
import io.sluice.app.bench.client.Strategy;
import io.sluice.app.bench.workload.PlannedRequest;
import io.sluice.app.bench.workload.RequestClass;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyResultTest {

  private final PlannedRequest i0 = request(0, RequestClass.INTERACTIVE, 0);
  private final PlannedRequest b1 = request(1, RequestClass.BATCH, 10);
  private final PlannedRequest i2 = request(2, RequestClass.INTERACTIVE, 20);
  private final PlannedRequest b3 = request(3, RequestClass.BATCH, 30);

  /** Two successes in 4 requests; the client sent 1 + 6 + 2 + 1 = 10 attempts, 7 of them refused. */
  private final List<RequestRecord> records = List.of(
      ok(i0, 2, 1),
      failed(b1, 12, Cause.DAILY_CAP, 6),
      ok(i2, 25, 2),
      failed(b3, 90, Cause.PER_MINUTE, 1));
  private final Map<Cause, Long> attemptFailures = Map.of(Cause.DAILY_CAP, 6L, Cause.PER_MINUTE, 2L);
  /** What the simulator counted for those records: 10 attempts, 2 successes, 2 + 6 429s. */
  private final StrategyResult naive = result(Strategy.NAIVE, records, attemptFailures, stats(10, 2, 2, 6, 0, 0.5, 50));

  @Test
  void talliesSuccessesAndFailuresByTheirLastCause() {
    assertThat(naive.requests()).isEqualTo(4);
    assertThat(naive.successes()).isEqualTo(2);
    assertThat(naive.successes(RequestClass.INTERACTIVE)).isEqualTo(2);
    assertThat(naive.successes(RequestClass.BATCH)).isZero();
    assertThat(naive.successRate()).isEqualTo(0.5);
    assertThat(naive.failures()).containsExactly(Map.entry(Cause.DAILY_CAP, 1L), Map.entry(Cause.PER_MINUTE, 1L));
    assertThat(naive.cost()).isEqualTo(0.5);
  }

  @Test
  void upstreamAttemptsAreCountedPerSuccessAndPerRequestFromTheSimulatorsCount() {
    assertThat(naive.upstreamAttemptsPerSuccess()).isEqualTo(5.0);
    assertThat(naive.upstreamAttemptsPerRequest()).isEqualTo(2.5);
    assertThat(naive.platform429s()).isEqualTo(8);
    assertThat(result(Strategy.NAIVE, List.of(failed(b1, 12, Cause.DAILY_CAP, 1)), Map.of(Cause.DAILY_CAP, 1L),
        stats(1, 0, 0, 1, 0, 0, 50)).upstreamAttemptsPerSuccess()).as("nothing succeeded").isNull();
  }

  @Test
  void latencyIsFromArrivalToAnswerForSuccessesOfEachClassAndTheBatchEndsWithItsLastRequest() {
    assertThat(naive.latency(RequestClass.INTERACTIVE).p50()).isEqualTo(Duration.ofSeconds(2));
    assertThat(naive.latency(RequestClass.INTERACTIVE).p99()).isEqualTo(Duration.ofSeconds(5));
    assertThat(naive.latency(RequestClass.BATCH)).isEqualTo(Latencies.NONE);
    assertThat(naive.batchFinished()).contains(Duration.ofSeconds(90));
  }

  @Test
  void theShareOfTheMaximumIsSuccessesOverIt() {
    assertThat(naive.shareOf(new TheoreticalMaximum(1, 3))).isEqualTo(0.5);
    assertThat(naive.shareOf(new TheoreticalMaximum(0, 0))).isZero();
  }

  @Test
  void aDirectStrategyAgreesWithTheSimulatorWhenEveryCountMatches() {
    StrategyResult r = result(Strategy.BACKOFF, records, attemptFailures, stats(10, 2, 2, 6, 0, 0, 50));

    assertThat(r.inconsistencies()).isEmpty();
  }

  @Test
  void aDirectStrategyDisagreesWhenTheSimulatorSawOtherAttemptsSuccessesOr429s() {
    StrategyResult r = result(Strategy.BACKOFF, records, attemptFailures, stats(11, 3, 1, 6, 1, 0, 50));

    assertThat(r.inconsistencies()).containsExactly(
        "backoff: the simulator counted 3 upstream successes, the clients' records allow exactly 2",
        "backoff: the simulator counted 11 upstream attempts, the clients' records allow exactly 10",
        "backoff: the simulator counted 1 upstream per-minute 429s, the clients' records allow exactly 2",
        "backoff: the simulator counted 1 upstream provider 429s, the clients' records allow exactly 0");
  }

  @Test
  void anAbandonedAttemptMayOrMayNotHaveBeenCountedOrServedUpstream() {
    List<RequestRecord> withAbandoned = List.of(ok(i0, 2, 1), abandoned(b1, 310));

    assertThat(result(Strategy.NAIVE, withAbandoned, Map.of(), stats(2, 2, 0, 0, 0, 0, 1)).inconsistencies())
        .isEmpty();
    assertThat(result(Strategy.NAIVE, withAbandoned, Map.of(), stats(1, 1, 0, 0, 0, 0, 1)).inconsistencies())
        .isEmpty();
    assertThat(result(Strategy.NAIVE, withAbandoned, Map.of(), stats(3, 1, 0, 0, 0, 0, 1)).inconsistencies())
        .containsExactly("naive: the simulator counted 3 upstream attempts, the clients' records allow 1 to 2");
  }

  @Test
  void throughSluiceTheUpstreamMustHaveSeenAtLeastWhatTheGatewayReported() {
    List<RequestRecord> viaSluice = List.of(
        new RequestRecord(i0, Duration.ofSeconds(3), null, 1, 2, false), // a fallback behind one answer
        new RequestRecord(b1, Duration.ofSeconds(11), Cause.DAILY_CAP, 1, 0, false)); // Sluice's own refusal

    assertThat(result(Strategy.SLUICE, viaSluice, Map.of(), stats(2, 1, 0, 0, 1, 0, 1)).inconsistencies()).isEmpty();
    assertThat(result(Strategy.SLUICE, viaSluice, Map.of(), stats(1, 1, 0, 0, 0, 0, 1)).inconsistencies())
        .containsExactly("sluice: the simulator counted 1 upstream attempts, the clients' records allow at least 2");
  }
}
