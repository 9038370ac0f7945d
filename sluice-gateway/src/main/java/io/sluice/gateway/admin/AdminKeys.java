package io.sluice.gateway.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.gateway.account.KeyInfo;
import io.sluice.gateway.auth.ClientKey;
import io.sluice.gateway.server.Endpoint;
import io.sluice.gateway.server.Exchange;
import io.sluice.gateway.server.JsonBodies;
import java.util.List;

/** {@code GET /admin/keys} (master key only): the client keys and their labels, never their hashes. */
public final class AdminKeys implements Endpoint {

  private final byte[] body;

  public AdminKeys(List<ClientKey> keys) {
    this.body = JsonBodies.write(g -> {
      g.writeArrayFieldStart("data");
      for (ClientKey key : keys) {
        g.writeStartObject();
        KeyInfo.writeLabels(g, key);
        g.writeEndObject();
      }
      g.writeEndArray();
    });
  }

  @Override
  public void handle(Exchange exchange) {
    exchange.respondJson(HttpResponseStatus.OK, body);
  }
}
