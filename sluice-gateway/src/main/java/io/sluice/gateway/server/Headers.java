package io.sluice.gateway.server;

/** The response headers by which Sluice says what it did. */
public final class Headers {

  private Headers() {}

  /** Sluice's id for the request; it appears in the gateway's logs. */
  public static final String REQUEST_ID = "X-Sluice-Request-Id";
  /** How many upstream attempts the request took. */
  public static final String ATTEMPTS = "X-Sluice-Attempts";
  /** The model that served the request, as the upstream reported it. */
  public static final String MODEL = "X-Sluice-Model";
  /** The provider that served the request, as the upstream reported it. */
  public static final String PROVIDER = "X-Sluice-Provider";
  /** The route alias the client asked for, when it asked for one. */
  public static final String ROUTE = "X-Sluice-Route";
  /** Present when the model that served is not the first the request named: the model first asked for. */
  public static final String FALLBACK_FROM = "X-Sluice-Fallback-From";
  /**
   * Sent by a client: how long it will wait for the answer, in milliseconds. Sluice neither holds
   * the request nor tries again past it (nor past its own configured deadline, if shorter).
   */
  public static final String DEADLINE_MS = "X-Sluice-Deadline-Ms";
  /** Milliseconds the request waited in Sluice for admission, over all its attempts. */
  public static final String QUEUED_MS = "X-Sluice-Queued-Ms";
}
