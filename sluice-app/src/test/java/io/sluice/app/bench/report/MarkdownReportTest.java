package io.sluice.app.bench.report;

import static io.sluice.app.bench.Fixtures.failed;
import static io.sluice.app.bench.Fixtures.ok;
import static io.sluice.app.bench.Fixtures.request;
import static io.sluice.app.bench.Fixtures.result;
import static io.sluice.app.bench.Fixtures.scenario;
import static io.sluice.app.bench.Fixtures.stats;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.app.bench.client.Cause;
import io.sluice.app.bench.client.Strategy;
import io.sluice.app.bench.measure.ScenarioResult;
import io.sluice.app.bench.measure.TheoreticalMaximum;
import io.sluice.app.bench.workload.PlannedRequest;
import io.sluice.app.bench.workload.RequestClass;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

  private final PlannedRequest i0 = request(0, RequestClass.INTERACTIVE, 0);
  private final PlannedRequest b1 = request(1, RequestClass.BATCH, 30);

  private ScenarioResult twoStrategies() {
    return scenario("free-tier", new TheoreticalMaximum(1, 1), List.of(
        result(Strategy.NAIVE, List.of(ok(i0, 1.5, 1), failed(b1, 31, Cause.DAILY_CAP, 6)),
            Map.of(Cause.DAILY_CAP, 6L), stats(7, 1, 0, 6, 0, 0, 50)),
        result(Strategy.SLUICE, List.of(ok(i0, 2.5, 1), ok(b1, 95, 1)), Map.of(), stats(2, 2, 0, 0, 0, 0.0123, 2))));
  }

  @Test
  void theTablePutsStrategiesSideBySide() {
    String table = MarkdownReport.table(twoStrategies());

    assertThat(table).startsWith("| | naive | sluice |\n|---|---:|---:|\n")
        .contains("| successes | 1 of 2 | 2 of 2 |")
        .contains("| successes: interactive / batch | 1 / 0 | 1 / 1 |")
        .contains("| share of the theoretical maximum (2) | 50.0% | 100.0% |")
        .contains("| failures by cause | 429 daily cap 1 | none |")
        .contains("| upstream attempts per success | 7.00 | 1.00 |")
        .contains("| upstream 429s: per minute / daily cap / provider | 0 / 6 / 0 | 0 / 0 / 0 |")
        .contains("| free daily quota burned | 50 of 50 | 2 of 50 |")
        .contains("| interactive latency p50 / p95 / p99 (s) | 1.5 / 1.5 / 1.5 | 2.5 / 2.5 / 2.5 |")
        .contains("| batch latency p50 / p95 / p99 (s) | - | 65.0 / 65.0 / 65.0 |")
        .contains("| batch over at | 31s | 1m 35s |")
        .contains("| cost | $0.0000 | $0.0123 |");
  }

  @Test
  void theSectionSaysWhatRanTheMaximumTheTargetsAndWhetherTheCountsAgree() {
    String section = MarkdownReport.scenario(twoStrategies());

    assertThat(section).startsWith("### free-tier\n\nA test.\n\n")
        .contains("Scenario `free-tier` at x60; 2 requests (1 interactive, 1 batch)")
        .contains("Theoretical maximum: **2** successes (1 interactive, 1 batch).")
        .contains("p99 99 ms, max 100 ms of real time, that is 5.9 s and 6.0 s of simulated time")
        .contains("with 0 platform 429s: **met**")
        .contains("Every strategy's records agree with the simulator's own counts.");
  }

  @Test
  void theSummaryGivesEachScenarioARow() {
    String summary = MarkdownReport.summary(List.of(twoStrategies(), twoStrategies()));

    assertThat(summary).startsWith("| scenario | theoretical max | naive | sluice |\n|---|---:|---:|---:|\n")
        .contains("| free-tier | 2 | 1 (50.0% of max, 50.0% of requests) | 2 (100.0% of max, 100.0% of requests) |");
  }
}
