package io.sluice.app.simulated;

import io.sluice.gateway.Gateway;
import io.sluice.gateway.config.GatewayConfig;
import io.sluice.gateway.config.PacingConfig;
import io.sluice.gateway.config.Route;
import io.sluice.gateway.config.Secret;
import io.sluice.gateway.config.UpstreamConfig;
import io.sluice.simulator.Simulator;
import io.sluice.simulator.scenario.AccountSpec;
import io.sluice.simulator.scenario.KeySpec;
import io.sluice.simulator.scenario.Scenario;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A gateway in front of a simulator: the client keys it accepts, its routes, and the simulated
 * OpenRouter key it forwards with (a gateway forwards with one account, whoever the client is).
 * Everything else is the gateway's default configuration.
 *
 * @param clientKeys the keys clients use
 * @param routes route aliases and their candidate models
 * @param upstreamKey the simulator's key the gateway sends with
 * @param windowMargin the free-model window margin, in simulated time: on a sped-up clock a
 *     millisecond of real jitter on loopback is many milliseconds of the simulator's time
 */
public record GatewaySetup(List<IssuedKey> clientKeys, Map<String, Route> routes, KeySpec upstreamKey,
    Duration windowMargin) {

  public GatewaySetup {
    clientKeys = List.copyOf(clientKeys);
    routes = Map.copyOf(routes);
  }

  /** The configuration: the simulator at {@code simulatorApi} as upstream, listening on {@code port} (0: any). */
  public GatewayConfig config(URI simulatorApi, int port) {
    GatewayConfig defaults = GatewayConfig.defaults();
    return defaults
        .withServer(defaults.server().withPort(port))
        .withUpstream(UpstreamConfig.DEFAULTS.withBaseUrl(simulatorApi).withApiKey(Secret.of(upstreamKey.key())))
        .withClientKeys(clientKeys.stream().map(IssuedKey::entry).toList())
        .withRoutes(routes)
        .withPacing(new PacingConfig(null, null, windowMargin, null)); // the daily cap is learned from the key
  }

  /**
   * Starts the gateway in front of {@code simulator}, living in its time: a scenario's time scale
   * speeds up its limits' windows, so the gateway's waits must run as fast, or its pacing would be
   * that many times too cautious.
   */
  public Gateway start(Simulator simulator, double timeScale, int port) {
    SimulatedTime time = new SimulatedTime(simulator.clock(), timeScale);
    return Gateway.start(config(simulator.apiBase(), port), time, time);
  }

  /** The route aliases. */
  public List<String> routeNames() {
    return List.copyOf(routes.keySet());
  }

  /** The key of the scenario's richest account (the first that is not a management key). */
  public static KeySpec upstreamKey(Scenario scenario) {
    AccountSpec account = scenario.accounts().stream()
        .max(Comparator.comparing(AccountSpec::credits))
        .orElseThrow(() -> new IllegalArgumentException("scenario " + scenario.name() + " has no account"));
    return account.keys().stream().filter(k -> !k.management()).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("account " + account.id() + " has no usable key"));
  }
}
