package io.sluice.testing;

import io.sluice.simulator.ManualSimClock;
import io.sluice.simulator.Simulator;
import io.sluice.simulator.scenario.KeySpec;
import io.sluice.simulator.scenario.Scenario;
import io.sluice.simulator.scenario.Scenarios;
import java.time.Instant;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The simulator in-process on a free port, for a whole test class, on a manual clock; reset to
 * the scenario's start before each test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SimulatorExtension SIM = SimulatorExtension.preset("free-tier");
 *
 * @Test void someBehaviour() {
 *   var reply = SIM.http().post("/api/v1/chat/completions", SIM.key("free"), body);
 *   SIM.clock().advance(Duration.ofMinutes(1));
 * }
 * }</pre>
 */
public final class SimulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  /** Noon UTC on a fixed day, so tests that cross midnight know exactly when they do. */
  public static final Instant DEFAULT_START = Instant.parse("2026-11-23T12:00:00Z");

  private final Scenario scenario;
  private final Instant start;
  private final boolean autoAdvance;
  private ManualSimClock clock;
  private Simulator simulator;
  private HttpTester http;

  private SimulatorExtension(Scenario scenario, Instant start, boolean autoAdvance) {
    this.scenario = scenario;
    this.start = start;
    this.autoAdvance = autoAdvance;
  }

  public static SimulatorExtension preset(String name) {
    return of(Scenarios.preset(name));
  }

  public static SimulatorExtension of(Scenario scenario) {
    return new SimulatorExtension(scenario, DEFAULT_START, false);
  }

  /** The same extension with the clock starting at {@code instant}. */
  public SimulatorExtension startingAt(Instant instant) {
    return new SimulatorExtension(scenario, instant, autoAdvance);
  }

  /**
   * The same extension on an auto-advancing clock: latencies pass at once (moving simulated
   * time), for tests of scenarios with latency that do not study it.
   */
  public SimulatorExtension autoAdvancing() {
    return new SimulatorExtension(scenario, start, true);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    clock = new ManualSimClock(start).autoAdvance(autoAdvance);
    simulator = Simulator.builder(scenario).clock(clock).port(0).start();
    http = new HttpTester(simulator.baseUri());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    simulator.reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    http.close();
    simulator.close();
  }

  public Simulator simulator() {
    return simulator;
  }

  public ManualSimClock clock() {
    return clock;
  }

  public HttpTester http() {
    return http;
  }

  /** The bearer token of the key with this label. */
  public String key(String label) {
    return scenario.accounts().stream().flatMap(a -> a.keys().stream())
        .filter(k -> k.label().equals(label)).map(KeySpec::key).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no key labelled '" + label + "' in " + scenario.name()));
  }
}
