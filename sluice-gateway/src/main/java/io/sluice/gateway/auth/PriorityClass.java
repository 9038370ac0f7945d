package io.sluice.gateway.auth;

import java.util.Locale;

/** How a key's traffic is queued when capacity is short: interactive before batch. */
public enum PriorityClass {
  INTERACTIVE,
  BATCH;

  /** The name used in configuration and the ledger: {@code interactive} or {@code batch}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads a {@link #label()}, in any case. */
  public static PriorityClass parse(String text) {
    for (PriorityClass priority : values()) {
      if (priority.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
        return priority;
      }
    }
    throw new IllegalArgumentException("must be interactive or batch, was '" + text + "'");
  }
}
