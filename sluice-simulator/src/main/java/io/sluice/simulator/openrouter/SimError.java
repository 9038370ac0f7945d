package io.sluice.simulator.openrouter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * An error response as OpenRouter sends it: status, the {@code {"error":{...}}} body and any
 * headers ({@code Retry-After}, {@code X-RateLimit-*}).
 *
 * @param status HTTP status
 * @param body the whole JSON body
 * @param headers extra response headers
 * @param kind how {@code /sim/stats} counts it
 */
record SimError(int status, ObjectNode body, Map<String, String> headers, Kind kind) {

  /** The tallies {@code /sim/stats} keeps apart. */
  enum Kind {
    FREE_PER_MINUTE("free_per_minute"),
    FREE_PER_DAY("free_per_day"),
    UPSTREAM_RATE_LIMIT("upstream"),
    OTHER("other");

    final String statsName;

    Kind(String statsName) {
      this.statsName = statsName;
    }
  }

  SimError {
    headers = Map.copyOf(headers);
  }

  /** The {@code error} object inside the body. */
  ObjectNode error() {
    return (ObjectNode) body.get("error");
  }

  /** The same error attributed to a user (OpenRouter adds {@code user_id} once it knows the caller). */
  SimError forUser(String userId) {
    ObjectNode copy = body.deepCopy();
    copy.put("user_id", userId);
    return new SimError(status, copy, headers, kind);
  }
}
