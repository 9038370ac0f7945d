package io.sluice.app.bench.workload;

import static io.sluice.app.bench.workload.Checks.require;

import java.time.Duration;
import java.util.Objects;

/**
 * The clients of one class of traffic, interactive or batch.
 *
 * @param clients how many clients send this class's requests; each sends one at a time, the next
 *     as soon as it is done and the request has arrived
 * @param deadline how long after its arrival a request may still succeed; the client gives up then
 */
public record ClassSpec(Integer clients, Duration deadline) {

  public ClassSpec {
    clients = Objects.requireNonNullElse(clients, 1);
    require(clients >= 1 && clients <= 1000, "clients must be between 1 and 1000, was " + clients);
    require(deadline != null && deadline.isPositive(), "deadline must be positive, was " + deadline);
  }
}
