package io.sluice.gateway.auth;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One client key: who holds it and how their traffic is accounted, plus the hash that identifies
 * it. The key itself is never kept. Messages name fields as the configuration file does.
 *
 * @param name unique name of the key, shown to operators and in the ledger
 * @param tenant the team or customer the traffic is billed and governed as
 * @param environment optional label such as {@code prod} or {@code staging}; empty when not set
 * @param workflow optional label for the kind of work such as {@code drafting}; empty when not set
 * @param priority queueing class; {@link PriorityClass#INTERACTIVE} when not set
 * @param keyHash the SHA-256 of the key
 */
public record ClientKey(
    String name, String tenant, String environment, String workflow, PriorityClass priority, KeyHash keyHash) {

  /** Labels end up in ledger rows and metric names, so they stay plain. */
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public ClientKey {
    name = label(name, "name");
    tenant = label(tenant, "tenant");
    environment = environment == null || environment.isEmpty() ? "" : label(environment, "environment");
    workflow = workflow == null || workflow.isEmpty() ? "" : label(workflow, "workflow");
    priority = Objects.requireNonNullElse(priority, PriorityClass.INTERACTIVE);
    if (keyHash == null) {
      throw new IllegalArgumentException("key-hash is required: the 'sha256:' line printed when the key was made");
    }
  }

  private static String label(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    if (!LABEL.matcher(value).matches()) {
      throw new IllegalArgumentException(field + " must be 1 to 64 letters, digits, '.', '_' or '-',"
          + " starting with a letter or digit, was '" + value + "'");
    }
    return value;
  }
}
