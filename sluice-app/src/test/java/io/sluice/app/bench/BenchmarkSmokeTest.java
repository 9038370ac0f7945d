package io.sluice.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.app.bench.client.RequestRecord;
import io.sluice.app.bench.client.Strategy;
import io.sluice.app.bench.measure.ScenarioResult;
import io.sluice.app.bench.measure.StrategyResult;
import io.sluice.app.bench.report.MarkdownReport;
import io.sluice.app.bench.workload.Workload;
import io.sluice.app.bench.workload.Workloads;
import io.sluice.app.console.Logging;
import io.sluice.app.console.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A short run of every strategy against the free tier, sped up 60 times (a second and a half): each
 * strategy must account for every request, and its records must agree with what the simulator
 * counted itself. How well each strategy does depends on timing and is not asserted.
 */
class BenchmarkSmokeTest {

  private static ScenarioResult result;
  private static String progress;

  @BeforeAll
  static void run() throws Exception {
    Logging.quietAccessLog();
    Workload smoke = Workloads.load(Path.of("src/test/resources/bench/smoke.yaml").toString());
    StringWriter out = new StringWriter();
    result = Benchmark.of(smoke).run(Arrays.asList(Strategy.values()), new Progress(new PrintWriter(out), false));
    progress = out.toString();
  }

  @Test
  void everyStrategyAccountsForEveryRequestOfTheSchedule() {
    assertThat(result.strategies()).extracting(StrategyResult::strategy).containsExactly(Strategy.values());
    for (StrategyResult s : result.strategies()) {
      assertThat(s.records()).as(s.strategy().label()).hasSize(40).doesNotContainNull();
      assertThat(s.records()).extracting(r -> r.request().index()).containsExactlyElementsOf(
          java.util.stream.IntStream.range(0, 40).boxed().toList());
      assertThat(s.records()).allSatisfy(r -> assertThat(r.end()).isGreaterThanOrEqualTo(r.request().arrival()));
    }
  }

  @Test
  void everyStrategysRecordsAgreeWithTheSimulatorsOwnCounts() {
    assertThat(result.inconsistencies()).isEmpty();
    for (StrategyResult s : result.strategies()) {
      long answered = s.records().stream().filter(RequestRecord::success).count();
      assertThat(s.upstream().successes()).as(s.strategy().label()).isGreaterThanOrEqualTo(answered);
    }
  }

  @Test
  void theMaximumIsWhatTheMinuteWindowsAllow() {
    // 16 requests in each burst, 30 s apart, 8 between: 20 a minute fit, and of the rest only those
    // whose deadline (15 s interactive, 30 s batch) reaches the next window.
    assertThat(result.maximum().total()).isBetween(20, 39);
  }

  @Test
  void progressWasShownAndTheTableHasAColumnPerStrategy() {
    assertThat(progress).contains("smoke").contains("sluice 40/40");
    assertThat(MarkdownReport.scenario(result)).contains("| | naive | backoff | fallback | sluice |");
  }

  @Test
  void aWorkloadAskingForAModelTheScenarioLacksIsRefusedBeforeAnythingRuns() {
    Workload w = Workloads.parse("""
        name: wrong
        scenario: free-tier
        duration: 1m
        requests: 1
        interactive: {deadline: 10s}
        batch: {deadline: 10s}
        prompt-tokens: {min: 1, max: 1}
        completion-tokens: {min: 1, max: 1}
        models: [{model: openai/gpt-5}]
        """, "test");

    assertThatThrownBy(() -> Benchmark.of(w)).hasMessageContaining("model 'openai/gpt-5' is not in scenario free-tier");
  }
}
