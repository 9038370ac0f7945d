package io.sluice.engine.outcome;

/**
 * A failure Sluice detects itself, with no answer from the upstream to read. Connect failures and
 * every timeout are {@link OutcomeType#TIMEOUT}; a connection reset is {@link
 * OutcomeType#OVERLOADED}, whose reaction (breaker, fall back) fits a route that dropped the
 * request. Neither needs a type of its own: no reaction differs, and which one it was stays in the
 * {@link Outcome}.
 */
public enum GatewayFailure {
  /** Refused, unresolvable or failed TLS: the request was never sent. */
  CONNECT_FAILED(OutcomeType.TIMEOUT, false, "could not connect to the upstream"),
  /** No connection within the connect timeout: the request was never sent. */
  CONNECT_TIMEOUT(OutcomeType.TIMEOUT, false, "no connection to the upstream within the connect timeout"),
  /** Sent, but no response byte within the first-byte timeout. */
  FIRST_BYTE_TIMEOUT(OutcomeType.TIMEOUT, true, "no response from the upstream within the first-byte timeout"),
  /** A gap between bytes longer than the idle timeout. */
  IDLE_TIMEOUT(OutcomeType.TIMEOUT, true, "the upstream went silent for longer than the idle timeout"),
  /** The request's total deadline passed. */
  TOTAL_TIMEOUT(OutcomeType.TIMEOUT, true, "the request's deadline passed while waiting for the upstream"),
  /** The connection was reset or closed before the response was complete. */
  CONNECTION_RESET(OutcomeType.OVERLOADED, true, "the upstream connection was reset");

  private final OutcomeType type;
  private final boolean sent;
  private final String description;

  GatewayFailure(OutcomeType type, boolean sent, String description) {
    this.type = type;
    this.sent = sent;
    this.description = description;
  }

  /** The cause it counts as. */
  public OutcomeType type() {
    return type;
  }

  /** Whether the request may have reached the upstream (and so counted there). */
  public boolean sent() {
    return sent;
  }

  String description() {
    return description;
  }
}
