package io.sluice.clients;

import io.sluice.testing.SimulatorExtension;
import io.sluice.gateway.Gateway;
import java.util.List;

/**
 * The OpenAI-compatible endpoint the client SDKs are pointed at, and how it answers a stranger.
 * It is the gateway in front of the simulator, presenting a Sluice key; {@link #simulator} points
 * the same tests at the simulator itself, to tell an SDK's behaviour from the gateway's. Everything else the tests check (content, usage, upstream errors) comes from the
 * simulator, which stays the upstream either way.
 *
 * @param baseUrls every base URL form the endpoint serves, each the prefix an SDK appends
 *     {@code /chat/completions} to: the gateway's {@code /v1} and {@code /api/v1}, the
 *     simulator's {@code /api/v1} only
 * @param apiKey a key the endpoint accepts
 * @param unknownKey a well-formed key the endpoint does not know
 * @param unknownKeyMessage the message of the 401 the endpoint answers {@code unknownKey} with
 */
record Target(List<String> baseUrls, String apiKey, String unknownKey, String unknownKeyMessage) {

  Target {
    baseUrls = List.copyOf(baseUrls);
    if (baseUrls.isEmpty()) {
      throw new IllegalArgumentException("a target needs at least one base URL");
    }
  }

  /** The simulator directly, with the key labelled {@code label} in its scenario. */
  static Target simulator(SimulatorExtension sim, String label) {
    return new Target(List.of(sim.simulator().apiBase().toString()), sim.key(label),
        "sk-or-v1-nobody-0000000000000000000000000000000000000000000000000000000000", "User not found.");
  }

  /** The gateway, with a Sluice key it accepts: both its OpenAI ({@code /v1}) and OpenRouter ({@code /api/v1}) bases. */
  static Target gateway(Gateway gateway, String clientKey) {
    return new Target(List.of(gateway.openAiBaseUri().toString(), gateway.openRouterBaseUri().toString()), clientKey,
        "sk-sluice-nobody-000000000000000000000000000000000000000000", "Unknown API key");
  }

  /** The base URL for tests in which the form does not matter. */
  String baseUrl() {
    return baseUrls.getFirst();
  }
}
