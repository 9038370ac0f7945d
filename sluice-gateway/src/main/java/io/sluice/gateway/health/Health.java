package io.sluice.gateway.health;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.gateway.server.Endpoint;
import io.sluice.gateway.server.JsonBodies;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Liveness ({@code GET /health}: the process answers) and readiness ({@code GET /ready}: it takes
 * traffic, until shutdown begins). Readiness does not depend on the upstream: when OpenRouter is
 * down every replica would turn unready at once, and an orchestrator would pull them all, so that
 * clients got connection errors instead of Sluice's explanations.
 */
public final class Health {

  private static final byte[] LIVE = JsonBodies.write(g -> g.writeStringField("status", "ok"));
  private static final byte[] READY = JsonBodies.write(g -> g.writeStringField("status", "ready"));
  private static final byte[] DRAINING = JsonBodies.write(g -> g.writeStringField("status", "draining"));

  private final AtomicBoolean draining = new AtomicBoolean();

  public Endpoint liveness() {
    return exchange -> exchange.respondJson(HttpResponseStatus.OK, LIVE);
  }

  public Endpoint readiness() {
    return exchange -> {
      if (draining.get()) {
        exchange.respondJson(HttpResponseStatus.SERVICE_UNAVAILABLE, DRAINING);
      } else {
        exchange.respondJson(HttpResponseStatus.OK, READY);
      }
    };
  }

  /** From now on readiness says no, so that load balancers stop sending new requests. */
  public void drain() {
    draining.set(true);
  }
}
