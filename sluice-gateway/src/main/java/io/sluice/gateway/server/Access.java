package io.sluice.gateway.server;

/** Who may call an endpoint. */
public enum Access {
  /** Anyone: health and readiness. */
  OPEN,
  /** A client with a Sluice key. */
  CLIENT,
  /** The holder of the admin master key. */
  ADMIN
}
