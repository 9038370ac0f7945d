package io.sluice.app;

import io.sluice.app.simulated.GatewaySetup;
import io.sluice.app.simulated.IssuedKey;
import io.sluice.gateway.auth.ClientKeyGenerator;
import io.sluice.gateway.auth.PriorityClass;
import io.sluice.gateway.config.Route;
import io.sluice.simulator.scenario.ModelSpec;
import io.sluice.simulator.scenario.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The gateway the demo runs: fresh client keys for two teams and one route over the scenario's
 * models, in front of the simulator's richest account.
 */
final class DemoSetup {

  static final String ROUTE = "chat";
  /**
   * The window margin in simulated time: at the scenarios' 30x a millisecond of real jitter on
   * loopback is 30 ms of the simulator's time, so the margin grows in proportion.
   */
  private static final Duration SPED_UP_MARGIN = Duration.ofSeconds(3);

  private DemoSetup() {}

  static GatewaySetup of(Scenario scenario) {
    ClientKeyGenerator generator = new ClientKeyGenerator();
    List<IssuedKey> keys = List.of(
        IssuedKey.issue(generator, "web-app", "product-team", "demo", PriorityClass.INTERACTIVE, "interactive traffic"),
        IssuedKey.issue(generator, "nightly-batch", "research", "demo", PriorityClass.BATCH, "batch traffic"));
    return new GatewaySetup(keys, Map.of(ROUTE, chatRoute(scenario)), GatewaySetup.upstreamKey(scenario),
        SPED_UP_MARGIN);
  }

  /** Free models first, as a team on a budget would list them, then the paid ones. */
  private static Route chatRoute(Scenario scenario) {
    Stream<String> free = scenario.models().stream().filter(ModelSpec::isFree).map(ModelSpec::id);
    Stream<String> paid = scenario.models().stream().filter(m -> !m.isFree()).map(ModelSpec::id);
    return new Route(Stream.concat(free, paid).limit(3).toList());
  }
}
