package io.sluice.app;

import io.sluice.gateway.auth.ClientKey;
import io.sluice.gateway.auth.ClientKeyGenerator;
import io.sluice.gateway.auth.GeneratedKey;
import io.sluice.gateway.auth.PriorityClass;
import io.sluice.gateway.config.GatewayConfig;
import io.sluice.gateway.config.PacingConfig;
import io.sluice.gateway.config.Route;
import io.sluice.gateway.config.Secret;
import io.sluice.gateway.config.UpstreamConfig;
import io.sluice.simulator.scenario.AccountSpec;
import io.sluice.simulator.scenario.KeySpec;
import io.sluice.simulator.scenario.ModelSpec;
import io.sluice.simulator.scenario.Scenario;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The gateway configuration the demo runs: fresh client keys for two teams, one route over the
 * scenario's models, and the simulator as upstream with the key of its richest account (a gateway
 * forwards with one OpenRouter account, whoever the client is).
 */
record DemoSetup(List<DemoKey> clientKeys, Map<String, Route> routes, KeySpec upstreamKey) {

  static final String ROUTE = "chat";
  /**
   * The window margin in simulated time: at the scenarios' 30x a millisecond of real jitter on
   * loopback is 30 ms of the simulator's time, so the margin grows in proportion.
   */
  private static final Duration SPED_UP_MARGIN = Duration.ofSeconds(3);

  /** A client key made for this run. */
  record DemoKey(String name, String key, String description, ClientKey entry) {}

  static DemoSetup of(Scenario scenario) {
    ClientKeyGenerator generator = new ClientKeyGenerator();
    List<DemoKey> keys = List.of(
        demoKey(generator, "web-app", "product-team", PriorityClass.INTERACTIVE, "interactive traffic"),
        demoKey(generator, "nightly-batch", "research", PriorityClass.BATCH, "batch traffic"));
    AccountSpec account = richestAccount(scenario);
    KeySpec key = account.keys().stream().filter(k -> !k.management()).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("account " + account.id() + " has no usable key"));
    return new DemoSetup(keys, Map.of(ROUTE, chatRoute(scenario)), key);
  }

  GatewayConfig gatewayConfig(URI simulatorApi, int port) {
    GatewayConfig defaults = GatewayConfig.defaults();
    return defaults
        .withServer(defaults.server().withPort(port))
        .withUpstream(UpstreamConfig.DEFAULTS.withBaseUrl(simulatorApi).withApiKey(Secret.of(upstreamKey.key())))
        .withClientKeys(clientKeys.stream().map(DemoKey::entry).toList())
        .withRoutes(routes)
        .withPacing(new PacingConfig(null, null, SPED_UP_MARGIN, null)); // the daily cap is learned from the key
  }

  List<String> routeNames() {
    return List.copyOf(routes.keySet());
  }

  String upstreamKeyLabel() {
    return upstreamKey.label();
  }

  private static DemoKey demoKey(ClientKeyGenerator generator, String name, String tenant, PriorityClass priority,
      String description) {
    GeneratedKey key = generator.generate();
    return new DemoKey(name, key.key(), description, new ClientKey(name, tenant, "demo", "", priority, key.hash()));
  }

  /** Free models first, as a team on a budget would list them, then the paid ones. */
  private static Route chatRoute(Scenario scenario) {
    Stream<String> free = scenario.models().stream().filter(ModelSpec::isFree).map(ModelSpec::id);
    Stream<String> paid = scenario.models().stream().filter(m -> !m.isFree()).map(ModelSpec::id);
    return new Route(Stream.concat(free, paid).limit(3).toList());
  }

  private static AccountSpec richestAccount(Scenario scenario) {
    return scenario.accounts().stream()
        .max(Comparator.comparing(AccountSpec::credits))
        .orElseThrow(() -> new IllegalArgumentException("scenario " + scenario.name() + " has no account"));
  }
}
