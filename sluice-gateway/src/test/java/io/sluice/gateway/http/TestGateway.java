package io.sluice.gateway.http;

import io.sluice.gateway.Gateway;
import io.sluice.gateway.ManualTimers;
import io.sluice.gateway.auth.ClientKey;
import io.sluice.gateway.auth.KeyHash;
import io.sluice.gateway.auth.PriorityClass;
import io.sluice.gateway.config.AdminConfig;
import io.sluice.gateway.config.GatewayConfig;
import io.sluice.gateway.config.RetryConfig;
import io.sluice.gateway.config.Route;
import io.sluice.gateway.config.Secret;
import io.sluice.gateway.config.UpstreamConfig;
import io.sluice.testing.HttpTester;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A gateway on a free port in front of a given upstream, on manual timers, with one client key. */
final class TestGateway implements AutoCloseable {

  static final String CLIENT_KEY = "sk-sluice-test-client-key-0123456789abcdefghijklmnopq";
  static final String MASTER_KEY = "sk-sluice-test-master-key-0123456789abcdefghijklmnopq";
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  final ManualTimers timers = new ManualTimers(NOW);
  final Gateway gateway;
  final HttpTester http;

  private TestGateway(GatewayConfig config) {
    gateway = Gateway.start(config, timers, timers);
    http = new HttpTester(gateway.baseUri());
  }

  static TestGateway start(GatewayConfig config) {
    return new TestGateway(config);
  }

  /**
   * Client key, the route {@code drafting}, the admin master key, and {@code upstream} with its
   * key. One attempt per request: tests of the data plane see each upstream answer as it is; the
   * retry tests set their own.
   */
  static GatewayConfig config(URI upstream, String upstreamKey, Map<String, Route> routes) {
    ClientKey client = new ClientKey("test-app", "acme", "test", "drafting", PriorityClass.INTERACTIVE,
        KeyHash.of(CLIENT_KEY));
    GatewayConfig defaults = GatewayConfig.defaults();
    return defaults
        .withServer(defaults.server().withPort(0))
        .withUpstream(UpstreamConfig.DEFAULTS.withBaseUrl(upstream).withApiKey(Secret.of(upstreamKey)))
        .withClientKeys(List.of(client))
        .withRoutes(routes)
        .withAdmin(new AdminConfig(Optional.of(KeyHash.of(MASTER_KEY))))
        .withRetries(RetryConfig.passThrough());
  }

  @Override
  public void close() {
    gateway.close(); // first, so that requests still waiting end now rather than hold the client's close
    http.close();
  }
}
