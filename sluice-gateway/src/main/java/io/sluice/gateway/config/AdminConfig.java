package io.sluice.gateway.config;

import io.sluice.gateway.auth.KeyHash;
import java.util.Optional;

/**
 * The admin API.
 *
 * @param masterKeyHash the SHA-256 of the master key; without one the admin API is off
 */
public record AdminConfig(Optional<KeyHash> masterKeyHash) {

  public static final AdminConfig DISABLED = new AdminConfig(Optional.empty());

  public AdminConfig {
    masterKeyHash = Checks.orDefault(masterKeyHash, Optional.empty());
  }

  public boolean enabled() {
    return masterKeyHash.isPresent();
  }
}
