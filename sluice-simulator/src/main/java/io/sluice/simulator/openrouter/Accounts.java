package io.sluice.simulator.openrouter;

import io.sluice.simulator.scenario.AccountSpec;
import io.sluice.simulator.scenario.KeySpec;
import io.sluice.simulator.scenario.Scenario;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Finds the account behind a bearer key; comparison does not leak timing about the key. */
final class Accounts {

  private final Map<String, Account> byKey = new HashMap<>();

  Accounts(Scenario scenario) {
    for (AccountSpec spec : scenario.accounts()) {
      Account account = new Account(spec);
      for (KeySpec key : spec.keys()) {
        byKey.put(key.key(), account);
      }
    }
  }

  /** The caller behind {@code bearer}, if the key is known. */
  Optional<Caller> find(String bearer) {
    Account account = byKey.get(bearer);
    if (account == null) {
      return Optional.empty();
    }
    // The map lookup is by hash; confirm with a constant-time comparison of the bytes.
    KeySpec spec = account.keySpec(bearer);
    boolean same = MessageDigest.isEqual(spec.key().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        bearer.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return same ? Optional.of(new Caller(account, spec)) : Optional.empty();
  }

  /** The account with id {@code id}, if the scenario has one. */
  Optional<Account> byId(String id) {
    return byKey.values().stream().filter(account -> account.id().equals(id)).findFirst();
  }

  /** An authenticated caller: the account and which of its keys was used. */
  record Caller(Account account, KeySpec key) {
    String label() {
      return key.label();
    }
  }
}
