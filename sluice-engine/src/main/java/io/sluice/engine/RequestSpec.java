package io.sluice.engine;

import io.sluice.engine.route.RequestNeeds;
import io.sluice.engine.route.RoutePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One request, as the engine needs to know it: the models that may serve it and the rules for
 * moving between them, what it needs from a model, and when it arrived.
 *
 * @param route the candidates in order, and the fallback rules ({@link RoutePolicy#of} for the
 *     defaults)
 * @param needs what the request needs from a model (context, tools, structured output, the
 *     client's own {@code models} list)
 * @param arrival when the request arrived: its deadline runs from here, and it counts toward the
 *     retry budget at this instant
 * @param deadline how long it may take from its arrival; null for the engine's {@link
 *     EngineConfig#deadline()}
 */
public record RequestSpec(RoutePolicy route, RequestNeeds needs, Instant arrival, Duration deadline) {

  public RequestSpec {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(needs, "needs");
    Objects.requireNonNull(arrival, "arrival");
    if (deadline != null && !deadline.isPositive()) {
      throw new IllegalArgumentException("deadline must be positive, was " + deadline);
    }
  }

  /** A request for one model, with no particular needs. */
  public static RequestSpec model(String model, Instant arrival) {
    return new RequestSpec(RoutePolicy.of(List.of(model)), RequestNeeds.of(0, 0), arrival, null);
  }

  /** A request over a route's candidates. */
  public static RequestSpec route(RoutePolicy route, RequestNeeds needs, Instant arrival) {
    return new RequestSpec(route, needs, arrival, null);
  }

  /** The same request with its own deadline. */
  public RequestSpec withDeadline(Duration value) {
    return new RequestSpec(route, needs, arrival, Objects.requireNonNull(value, "deadline"));
  }
}
