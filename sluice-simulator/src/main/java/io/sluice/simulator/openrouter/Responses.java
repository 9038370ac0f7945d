package io.sluice.simulator.openrouter;

import com.fasterxml.jackson.databind.JsonNode;

/** Writes whole JSON responses. */
final class Responses {

  private Responses() {}

  static void error(Wire wire, SimError error) {
    wire.status(error.status());
    error.headers().forEach(wire::header);
    json(wire, error.status(), error.body());
  }

  static void json(Wire wire, int status, JsonNode body) {
    wire.status(status);
    wire.header("Content-Type", "application/json");
    wire.finish(Json.bytes(body));
  }
}
