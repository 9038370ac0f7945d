package io.sluice.gateway.config;

import static io.sluice.gateway.config.Checks.orDefault;
import static io.sluice.gateway.config.Checks.require;

import io.sluice.gateway.auth.ClientKey;
import io.sluice.gateway.auth.KeyHash;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The whole gateway configuration. Load one with {@link GatewayConfigs}; {@link #defaults()} is
 * what a demo or a test starts from.
 *
 * @param server where the gateway listens
 * @param upstream the API it forwards to
 * @param clientKeys the keys clients may use, each with its owner and priority
 * @param routes aliases clients send as {@code model}, each with its candidate models, in file order
 * @param admin the admin API's master key
 * @param pacing the limits traffic is paced to before it is sent
 * @param retries how failed requests are tried again
 */
public record GatewayConfig(
    ServerConfig server,
    UpstreamConfig upstream,
    List<ClientKey> clientKeys,
    Map<String, Route> routes,
    AdminConfig admin,
    PacingConfig pacing,
    RetryConfig retries) {

  /** No '/', so an alias can never shadow a real model id such as {@code openai/gpt-4o}. */
  private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public GatewayConfig {
    server = orDefault(server, ServerConfig.DEFAULTS);
    upstream = orDefault(upstream, UpstreamConfig.DEFAULTS);
    admin = orDefault(admin, AdminConfig.DISABLED);
    pacing = orDefault(pacing, PacingConfig.DEFAULTS);
    retries = orDefault(retries, RetryConfig.DEFAULTS);
    clientKeys = checkKeys(orDefault(clientKeys, List.of()), admin);
    routes = checkRoutes(orDefault(routes, Map.of()));
  }

  /**
   * Every default: listens on 127.0.0.1:8787, forwards to OpenRouter without a key, accepts no
   * client keys, has no routes and no admin API. Unlike a file, it reads no environment variable.
   */
  public static GatewayConfig defaults() {
    return new GatewayConfig(null, null, null, null, null, null, null);
  }

  /** The route for {@code alias}, if there is one. */
  public Optional<Route> route(String alias) {
    return Optional.ofNullable(routes.get(alias));
  }

  public GatewayConfig withServer(ServerConfig newServer) {
    return new GatewayConfig(newServer, upstream, clientKeys, routes, admin, pacing, retries);
  }

  public GatewayConfig withUpstream(UpstreamConfig newUpstream) {
    return new GatewayConfig(server, newUpstream, clientKeys, routes, admin, pacing, retries);
  }

  public GatewayConfig withClientKeys(List<ClientKey> keys) {
    return new GatewayConfig(server, upstream, keys, routes, admin, pacing, retries);
  }

  public GatewayConfig withRoutes(Map<String, Route> newRoutes) {
    return new GatewayConfig(server, upstream, clientKeys, newRoutes, admin, pacing, retries);
  }

  public GatewayConfig withAdmin(AdminConfig newAdmin) {
    return new GatewayConfig(server, upstream, clientKeys, routes, newAdmin, pacing, retries);
  }

  public GatewayConfig withPacing(PacingConfig newPacing) {
    return new GatewayConfig(server, upstream, clientKeys, routes, admin, newPacing, retries);
  }

  public GatewayConfig withRetries(RetryConfig newRetries) {
    return new GatewayConfig(server, upstream, clientKeys, routes, admin, pacing, newRetries);
  }

  private static List<ClientKey> checkKeys(List<ClientKey> keys, AdminConfig admin) {
    Map<String, Integer> names = new HashMap<>();
    Map<KeyHash, Integer> hashes = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      ClientKey key = keys.get(i);
      require(key != null, "client-keys[" + i + "] is empty");
      Integer sameName = names.putIfAbsent(key.name(), i);
      require(sameName == null, "client-keys[" + i + "].name '" + key.name() + "' is already client-keys[" + sameName + "]'s");
      Integer sameHash = hashes.putIfAbsent(key.keyHash(), i);
      require(sameHash == null, "client-keys[" + i + "].key-hash is also client-keys[" + sameHash + "]'s: one key listed twice");
      require(admin.masterKeyHash().filter(key.keyHash()::equals).isEmpty(),
          "client-keys[" + i + "].key-hash is the admin master key's; the master key must be a key of its own");
    }
    return List.copyOf(keys);
  }

  private static Map<String, Route> checkRoutes(Map<String, Route> routes) {
    Map<String, Route> checked = new LinkedHashMap<>();
    routes.forEach((alias, route) -> {
      require(alias != null && ALIAS.matcher(alias).matches(), "routes: '" + alias + "' is not a route name: use up to"
          + " 64 letters, digits, '.', '_' or '-', and no '/' (so it never hides a model id)");
      require(route != null, "routes." + alias + " needs models: the candidate model ids, most preferred first");
      checked.put(alias, route);
    });
    return Collections.unmodifiableMap(checked);
  }
}
