package io.sluice.gateway.http;

import io.sluice.gateway.config.Route;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.SimulatorExtension;
import java.util.List;
import java.util.Map;

/** The simulator scenario the gateway's HTTP tests run against, and request bodies for it. */
final class Scenario {

  static final String UPSTREAM_KEY = "sk-or-v1-gateway-tests-5d1c0a77e2b94f6a8c3e1b0d9f7a6c5e4b3a2f1e0d9c8b7a";
  static final String MODEL = "sim/steady";
  static final String OTHER_MODEL = "sim/other";
  static final Map<String, Route> ROUTES = Map.of("drafting", new Route(List.of(OTHER_MODEL, MODEL)));

  private static final String YAML = """
      name: gateway-tests
      seed: 7
      streaming: {heartbeat: 1s}
      accounts:
        - id: acct-gateway
          credits: 1000
          purchased: 1000
          keys: [{key: %s, label: gw}]
      models:
        - id: sim/steady
          pricing: {prompt: 0.000001, completion: 0.000002}
          completion: {min: 12, max: 12}
          providers: [{name: Steady}]
        - id: sim/other
          pricing: {prompt: 0.000001, completion: 0.000002}
          completion: {min: 8, max: 8}
          providers: [{name: Other}]
      """.formatted(UPSTREAM_KEY);

  private Scenario() {}

  static SimulatorExtension simulator(String name) {
    return SimulatorExtension.of(Scenarios.parse(YAML, name));
  }

  static String chat(String model, boolean stream) {
    return """
        {"model":"%s","messages":[{"role":"user","content":"Tell me about gateways"}],"stream":%s}"""
        .formatted(model, stream);
  }
}
