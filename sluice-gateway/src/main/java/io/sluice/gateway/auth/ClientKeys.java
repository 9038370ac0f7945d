package io.sluice.gateway.auth;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The client keys the gateway accepts, found by the hash of the presented key. Immutable and safe
 * to share between threads.
 */
public final class ClientKeys {

  private final List<ClientKey> keys;
  private final Map<KeyHash, ClientKey> byHash;

  private ClientKeys(List<ClientKey> keys, Map<KeyHash, ClientKey> byHash) {
    this.keys = keys;
    this.byHash = byHash;
  }

  /** The given keys; two with the same name or the same hash are refused. */
  public static ClientKeys of(Collection<ClientKey> keys) {
    Map<KeyHash, ClientKey> byHash = new HashMap<>();
    Map<String, ClientKey> byName = new HashMap<>();
    for (ClientKey key : keys) {
      if (byName.putIfAbsent(key.name(), key) != null) {
        throw new IllegalArgumentException("two client keys are named '" + key.name() + "'");
      }
      ClientKey twin = byHash.putIfAbsent(key.keyHash(), key);
      if (twin != null) {
        throw new IllegalArgumentException("client keys '" + twin.name() + "' and '" + key.name() + "' have the same key-hash");
      }
    }
    return new ClientKeys(List.copyOf(keys), Map.copyOf(byHash));
  }

  /** Checks the values of a request's {@code Authorization} and {@code x-api-key} headers; either may be null. */
  public AuthResult authenticate(String authorization, String apiKey) {
    return authenticate(Credentials.fromHeaders(authorization, apiKey));
  }

  public AuthResult authenticate(Credentials credentials) {
    return switch (credentials) {
      case Credentials.Presented presented -> lookUp(presented.key());
      case AuthResult.Missing missing -> missing;
      case AuthResult.Malformed malformed -> malformed;
    };
  }

  /** All keys, in the order given. */
  public List<ClientKey> all() {
    return keys;
  }

  // KeyHash.equals is constant-time; the map's bucket choice depends only on the hash of what the
  // caller sent, which tells the caller nothing about any stored key.
  private AuthResult lookUp(String key) {
    ClientKey found = byHash.get(KeyHash.of(key));
    return found != null ? new AuthResult.Authenticated(found) : AuthResult.Unknown.of(key);
  }

  @Override
  public String toString() {
    return "ClientKeys" + keys.stream().map(ClientKey::name).toList();
  }
}
