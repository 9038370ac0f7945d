package io.sluice.app.bench;

import io.sluice.app.bench.client.Strategy;
import io.sluice.app.bench.client.StrategyRun;
import io.sluice.app.bench.client.Target;
import io.sluice.app.bench.measure.Hiccups;
import io.sluice.app.bench.measure.ScenarioResult;
import io.sluice.app.bench.measure.StrategyResult;
import io.sluice.app.bench.measure.TheoreticalMaximum;
import io.sluice.app.bench.workload.ModelChoice;
import io.sluice.app.bench.workload.PlannedRequest;
import io.sluice.app.bench.workload.Schedule;
import io.sluice.app.bench.workload.Workload;
import io.sluice.app.console.Progress;
import io.sluice.app.simulated.GatewaySetup;
import io.sluice.app.simulated.IssuedKey;
import io.sluice.gateway.Gateway;
import io.sluice.gateway.auth.ClientKeyGenerator;
import io.sluice.gateway.auth.PriorityClass;
import io.sluice.gateway.config.Route;
import io.sluice.simulator.SimClock;
import io.sluice.simulator.Simulator;
import io.sluice.simulator.scenario.AccountSpec;
import io.sluice.simulator.scenario.KeySpec;
import io.sluice.simulator.scenario.ModelSpec;
import io.sluice.simulator.scenario.Scenario;
import io.sluice.simulator.scenario.Scenarios;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs one workload through several strategies side by side, each against its own simulator of
 * the same scenario (so that one strategy's wasted quota cannot cost another), all on one
 * simulated clock. {@link Strategy#SLUICE} reaches its simulator through an embedded gateway over
 * real HTTP.
 */
public final class Benchmark {

  /**
   * Where simulated time starts: a fixed UTC morning, so that the day's free quota starts full, no
   * run crosses 00:00 UTC, and runs repeat.
   */
  public static final Instant SIMULATED_START = Instant.parse("2026-01-05T09:00:00Z");

  private static final Duration PROGRESS_EVERY = Duration.ofMillis(250);
  private static final int CATALOG_ATTEMPTS = 10;

  private final Workload workload;
  private final Scenario scenario;
  private final double timeScale;
  private final List<PlannedRequest> schedule;
  private final KeySpec upstreamKey;

  private Benchmark(Workload workload) {
    Scenario loaded = Scenarios.load(workload.scenario());
    this.timeScale = workload.timeScale() != null ? workload.timeScale() : loaded.timeScale();
    this.scenario = loaded.withTimeScale(timeScale);
    this.workload = workload;
    this.schedule = Schedule.of(workload);
    this.upstreamKey = GatewaySetup.upstreamKey(scenario);
    checkModels();
  }

  /** Prepares {@code workload}: loads its scenario and draws its schedule. */
  public static Benchmark of(Workload workload) {
    return new Benchmark(workload);
  }

  /** What the scenario's limits allow the schedule. */
  public TheoreticalMaximum maximum() {
    return TheoreticalMaximum.of(scenario, upstreamKey.label(), schedule, SIMULATED_START);
  }

  /** Runs {@code strategies} side by side, showing how far they are on {@code progress}. */
  public ScenarioResult run(List<Strategy> strategies, Progress progress) throws InterruptedException {
    long startedNanos = System.nanoTime();
    SimClock clock = SimClock.scaled(timeScale, SIMULATED_START);
    Map<Strategy, Simulator> simulators = new LinkedHashMap<>();
    Gateway gateway = null;
    Hiccups hiccups = Hiccups.start();
    try {
      for (Strategy strategy : strategies) {
        simulators.put(strategy, Simulator.builder(scenario).clock(clock).threadName("sim-" + strategy.label()).start());
      }
      List<StrategyRun> runs = new ArrayList<>();
      GatewaySetup setup = strategies.contains(Strategy.SLUICE) ? gatewaySetup() : null;
      if (setup != null) {
        gateway = setup.start(simulators.get(Strategy.SLUICE), timeScale, 0);
        awaitCatalog(gateway, setup.clientKeys().getFirst().key());
      }
      simulators.values().forEach(Simulator::reset); // fault windows and counters start now, for all alike
      Instant start = clock.now();
      for (Strategy strategy : strategies) {
        runs.add(new StrategyRun(strategy, target(strategy, simulators.get(strategy), gateway, setup), workload,
            schedule, clock, timeScale, start));
      }
      drive(runs, clock, start, progress);
      List<StrategyResult> results = runs.stream().map(run -> result(run, simulators.get(run.strategy()))).toList();
      return new ScenarioResult(workload, scenario.name(), timeScale, schedule, maximum(), results,
          Duration.ofNanos(System.nanoTime() - startedNanos), hiccups.stop());
    } finally {
      hiccups.close();
      if (gateway != null) {
        gateway.close();
      }
      simulators.values().forEach(Simulator::close);
    }
  }

  private void drive(List<StrategyRun> runs, SimClock clock, Instant start, Progress progress)
      throws InterruptedException {
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try {
      runs.forEach(run -> run.start(pool));
      pool.shutdown();
      while (!pool.awaitTermination(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
        Duration simulated = Duration.between(start, clock.now());
        progress.update((long) (simulated.toSeconds() / timeScale), line(runs, simulated));
      }
      progress.done(line(runs, Duration.between(start, clock.now())));
    } finally {
      pool.shutdownNow();
    }
  }

  private String line(List<StrategyRun> runs, Duration simulated) {
    return String.format("%-16s %s  ", workload.name(), Progress.hms(simulated)) + runs.stream()
        .map(r -> String.format("%s %d/%d ok %d", r.strategy().label(), r.finished(), schedule.size(), r.succeeded()))
        .collect(Collectors.joining(" | "));
  }

  private StrategyResult result(StrategyRun run, Simulator simulator) {
    return new StrategyResult(run.strategy(), run.records(), run.attemptFailures(),
        simulator.stats(upstreamKey.label()), freeDailyCap());
  }

  private int freeDailyCap() {
    AccountSpec account = scenario.accounts().stream()
        .filter(a -> a.keys().contains(upstreamKey)).findFirst().orElseThrow();
    return TheoreticalMaximum.freeDailyCap(scenario.platform(), account);
  }

  /** Two client keys (interactive and batch traffic are told apart by key) and a route per model choice. */
  private GatewaySetup gatewaySetup() {
    ClientKeyGenerator generator = new ClientKeyGenerator();
    List<IssuedKey> keys = List.of(
        IssuedKey.issue(generator, "interactive", "bench", "bench", PriorityClass.INTERACTIVE, "interactive clients"),
        IssuedKey.issue(generator, "batch", "bench", "bench", PriorityClass.BATCH, "batch clients"));
    Map<String, Route> routes = new LinkedHashMap<>();
    for (int i = 0; i < workload.models().size(); i++) {
      routes.put(routeName(i), new Route(workload.models().get(i).chain()));
    }
    // A millisecond of real jitter is timeScale milliseconds of simulated time.
    Duration margin = Duration.ofMillis(Math.max(1000, (long) (timeScale * 50)));
    return new GatewaySetup(keys, routes, upstreamKey, margin);
  }

  private Target target(Strategy strategy, Simulator simulator, Gateway gateway, GatewaySetup setup) {
    if (strategy.direct()) {
      return Target.direct(simulator.apiBase(), upstreamKey.key());
    }
    List<String> routes = new ArrayList<>();
    for (int i = 0; i < workload.models().size(); i++) {
      routes.add(routeName(i));
    }
    return Target.gateway(gateway.openRouterBaseUri(), keyOf(setup, PriorityClass.INTERACTIVE),
        keyOf(setup, PriorityClass.BATCH), routes);
  }

  private static String keyOf(GatewaySetup setup, PriorityClass priority) {
    return setup.clientKeys().stream().filter(k -> k.priority() == priority).findFirst().orElseThrow().key();
  }

  private static String routeName(int choice) {
    return "bench-" + (choice + 1);
  }

  /**
   * Lets the gateway read the catalog before the first request, as a long-running one would have.
   * Its upstream timeouts run in simulated time, so on a busy machine a first read may time out;
   * each request for the list tries again.
   */
  private static void awaitCatalog(Gateway gateway, String clientKey) throws InterruptedException {
    HttpRequest models = HttpRequest.newBuilder(URI.create(gateway.openRouterBaseUri() + "/models"))
        .header("Authorization", "Bearer " + clientKey).timeout(Duration.ofSeconds(10)).GET().build();
    int status = 0;
    try (HttpClient http = HttpClient.newHttpClient()) {
      for (int attempt = 0; attempt < CATALOG_ATTEMPTS && status != 200; attempt++) {
        status = http.send(models, HttpResponse.BodyHandlers.discarding()).statusCode();
      }
    } catch (IOException e) {
      throw new IllegalStateException("the gateway did not answer: " + e.getMessage(), e);
    }
    if (status != 200) {
      throw new IllegalStateException("the gateway could not list the models in " + CATALOG_ATTEMPTS + " tries: HTTP "
          + status);
    }
  }

  private void checkModels() {
    Set<String> known = scenario.models().stream().map(ModelSpec::id).collect(Collectors.toSet());
    for (ModelChoice choice : workload.models()) {
      for (String model : choice.chain()) {
        if (!known.contains(model)) {
          throw new IllegalArgumentException(workload.name() + ": model '" + model + "' is not in scenario "
              + scenario.name() + " (it has " + known + ")");
        }
      }
    }
  }
}
