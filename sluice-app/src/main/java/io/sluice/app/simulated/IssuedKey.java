package io.sluice.app.simulated;

import io.sluice.gateway.auth.ClientKey;
import io.sluice.gateway.auth.ClientKeyGenerator;
import io.sluice.gateway.auth.GeneratedKey;
import io.sluice.gateway.auth.PriorityClass;

/**
 * A client key made for one run: the key a client sends, and the entry (its hash and labels) the
 * gateway is configured with.
 *
 * @param name the key's name in the gateway
 * @param key the key itself, which only the client holds
 * @param description what traffic it carries, for people
 * @param entry the gateway's configuration entry for it
 */
public record IssuedKey(String name, String key, String description, ClientKey entry) {

  /** A fresh key for {@code tenant}'s traffic of class {@code priority}, labelled with {@code environment}. */
  public static IssuedKey issue(ClientKeyGenerator generator, String name, String tenant, String environment,
      PriorityClass priority, String description) {
    GeneratedKey key = generator.generate();
    return new IssuedKey(name, key.key(), description,
        new ClientKey(name, tenant, environment, "", priority, key.hash()));
  }

  /** The key's priority class in the gateway. */
  public PriorityClass priority() {
    return entry.priority();
  }

  @Override
  public String toString() {
    return "IssuedKey[" + name + ", " + description + "]"; // never the key
  }
}
