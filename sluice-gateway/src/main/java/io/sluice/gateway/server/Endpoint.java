package io.sluice.gateway.server;

/**
 * What answers one kind of request. Called on the connection's event loop, with the request
 * complete and authenticated as its route demands; it must not block, and must finish the
 * exchange eventually (respond, or stream and end).
 */
@FunctionalInterface
public interface Endpoint {
  void handle(Exchange exchange);
}
