package io.sluice.app.bench.client;

import io.sluice.app.bench.workload.PlannedRequest;
import io.sluice.app.bench.workload.RequestClass;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Where a strategy's clients send, with which key, asking for which model.
 *
 * @param apiBase the OpenRouter-style base URL: the simulator's, or the gateway's
 * @param keys the key each class of client uses
 * @param routes the route alias for each of the workload's model choices, through Sluice; empty
 *     when the clients name models themselves
 */
public record Target(URI apiBase, Map<RequestClass, String> keys, List<String> routes) {

  public Target {
    keys = Map.copyOf(keys);
    routes = List.copyOf(routes);
  }

  /** The upstream itself, one key for everyone: what applications do without a gateway. */
  public static Target direct(URI apiBase, String upstreamKey) {
    return new Target(apiBase, Map.of(RequestClass.INTERACTIVE, upstreamKey, RequestClass.BATCH, upstreamKey),
        List.of());
  }

  /** A gateway, with a key per class (its priority) and a route alias per model choice. */
  public static Target gateway(URI apiBase, String interactiveKey, String batchKey, List<String> routes) {
    return new Target(apiBase, Map.of(RequestClass.INTERACTIVE, interactiveKey, RequestClass.BATCH, batchKey), routes);
  }

  String key(RequestClass type) {
    return keys.get(type);
  }

  /** The {@code model} to send for {@code request}'s attempt at chain position {@code position}. */
  String model(PlannedRequest request, int position) {
    return routes.isEmpty() ? request.chain().get(position) : routes.get(request.route());
  }

  @Override
  public String toString() {
    return "Target[" + apiBase + ", routes " + routes + "]"; // never the keys
  }
}
