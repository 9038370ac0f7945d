package io.sluice.app.bench;

import io.sluice.app.bench.client.Cause;
import io.sluice.app.bench.client.RequestRecord;
import io.sluice.app.bench.client.Strategy;
import io.sluice.app.bench.measure.Latencies;
import io.sluice.app.bench.measure.ScenarioResult;
import io.sluice.app.bench.measure.StrategyResult;
import io.sluice.app.bench.measure.TheoreticalMaximum;
import io.sluice.app.bench.workload.ClassSpec;
import io.sluice.app.bench.workload.ModelChoice;
import io.sluice.app.bench.workload.PlannedRequest;
import io.sluice.app.bench.workload.RequestClass;
import io.sluice.app.bench.workload.TokenRange;
import io.sluice.app.bench.workload.Workload;
import io.sluice.simulator.openrouter.KeyStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Hand-made requests, records and results, for tests of the arithmetic and the reports. */
public final class Fixtures {

  private Fixtures() {}

  public static PlannedRequest request(int index, RequestClass type, long arrivalSeconds) {
    return new PlannedRequest(index, Duration.ofSeconds(arrivalSeconds), type, List.of("m", "n"), 0, 100, 64,
        Duration.ofSeconds(type == RequestClass.INTERACTIVE ? 30 : 300));
  }

  public static RequestRecord ok(PlannedRequest request, double endSeconds, int attempts) {
    return new RequestRecord(request, seconds(endSeconds), null, attempts, attempts, false);
  }

  public static RequestRecord failed(PlannedRequest request, double endSeconds, Cause cause, int attempts) {
    return new RequestRecord(request, seconds(endSeconds), cause, attempts, attempts, false);
  }

  public static RequestRecord abandoned(PlannedRequest request, double endSeconds) {
    return new RequestRecord(request, seconds(endSeconds), Cause.DEADLINE, 1, 1, true);
  }

  /** What the simulator counted for the key. */
  public static KeyStats stats(long attempts, long successes, long perMinute, long perDay, long provider,
      double spend, int dailyUsed) {
    return new KeyStats("k", attempts, successes, perMinute, perDay, provider, Map.of(), 0, 0, spend, dailyUsed);
  }

  public static StrategyResult result(Strategy strategy, List<RequestRecord> records, Map<Cause, Long> attemptFailures,
      KeyStats upstream) {
    return new StrategyResult(strategy, records, attemptFailures, upstream, 50);
  }

  public static Workload workload(String name) {
    return new Workload(name, "A test.", "free-tier", 60.0, 1L, Duration.ofMinutes(2), 4, null, 0.5,
        new ClassSpec(1, Duration.ofSeconds(30)), new ClassSpec(1, Duration.ofMinutes(5)), new TokenRange(10, 20),
        new TokenRange(16, 32), List.of(new ModelChoice("m", 1.0, List.of("n"))));
  }

  public static ScenarioResult scenario(String name, TheoreticalMaximum maximum, List<StrategyResult> strategies) {
    List<PlannedRequest> schedule = strategies.getFirst().records().stream().map(RequestRecord::request).toList();
    List<Duration> hiccups = java.util.stream.LongStream.rangeClosed(1, 100).mapToObj(Duration::ofMillis).toList();
    return new ScenarioResult(workload(name), name, 60, schedule, maximum, strategies, Duration.ofSeconds(9),
        Latencies.of(hiccups));
  }

  private static Duration seconds(double value) {
    return Duration.ofMillis((long) (value * 1000));
  }
}
