package io.sluice.app.bench.measure;

import io.sluice.app.bench.workload.PlannedRequest;
import io.sluice.app.bench.workload.RequestClass;
import io.sluice.app.bench.workload.Workload;
import java.time.Duration;
import java.util.List;

/**
 * One workload run through every strategy, side by side.
 *
 * @param workload the workload
 * @param scenarioName the simulator scenario it ran against
 * @param timeScale simulated seconds per real second
 * @param schedule the requests every strategy sent
 * @param maximum the successes the scenario's limits allow the schedule
 * @param strategies each strategy's result, in the order they are reported
 * @param realTime how long the run took in real time
 * @param hiccups how late a thread woke during the run, in real time (see {@link Hiccups})
 */
public record ScenarioResult(Workload workload, String scenarioName, double timeScale, List<PlannedRequest> schedule,
    TheoreticalMaximum maximum, List<StrategyResult> strategies, Duration realTime, Latencies hiccups) {

  public ScenarioResult {
    schedule = List.copyOf(schedule);
    strategies = List.copyOf(strategies);
  }

  /** How many requests of {@code type} the schedule has. */
  public long requests(RequestClass type) {
    return schedule.stream().filter(r -> r.type() == type).count();
  }

  /** {@code real} real time in simulated time. */
  public Duration simulated(Duration real) {
    return Duration.ofNanos((long) (real.toNanos() * timeScale));
  }

  /** Every strategy's disagreements with the simulator's counts; empty when all agree. */
  public List<String> inconsistencies() {
    return strategies.stream().flatMap(s -> s.inconsistencies().stream()).toList();
  }
}
