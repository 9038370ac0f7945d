package io.sluice.gateway.account;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.gateway.auth.ClientKey;
import io.sluice.gateway.server.Endpoint;
import io.sluice.gateway.server.Exchange;
import io.sluice.gateway.server.JsonBodies;
import java.io.IOException;

/**
 * {@code GET /api/v1/key}: the caller's Sluice key in the shape of OpenRouter's key endpoint, so
 * OpenRouter clients can read it. Figures Sluice does not enforce yet are {@code null} ("no
 * limit known"), never invented; Sluice's own labels for the key are under {@code sluice}.
 */
public final class KeyInfo implements Endpoint {

  @Override
  public void handle(Exchange exchange) {
    ClientKey key = exchange.clientKey().orElseThrow();
    exchange.respondJson(HttpResponseStatus.OK, JsonBodies.write(g -> {
      g.writeObjectFieldStart("data");
      g.writeStringField("label", key.name());
      for (String unknown : new String[] {"limit", "limit_remaining", "limit_reset", "usage", "usage_daily",
          "usage_weekly", "usage_monthly", "is_free_tier", "expires_at"}) {
        g.writeNullField(unknown);
      }
      g.writeBooleanField("is_management_key", false);
      g.writeBooleanField("is_provisioning_key", false);
      g.writeObjectFieldStart("sluice");
      writeLabels(g, key);
      g.writeEndObject();
      g.writeEndObject();
    }));
  }

  /** A key's name and labels as JSON fields: what clients and operators may see of it. */
  public static void writeLabels(JsonGenerator g, ClientKey key) throws IOException {
    g.writeStringField("name", key.name());
    g.writeStringField("tenant", key.tenant());
    g.writeStringField("environment", key.environment());
    g.writeStringField("workflow", key.workflow());
    g.writeStringField("priority", key.priority().label());
  }
}
