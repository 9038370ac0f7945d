package io.sluice.app.bench.client;

import io.sluice.app.bench.workload.PlannedRequest;
import java.time.Duration;

/**
 * How one request of the schedule ended for one strategy.
 *
 * @param request the request
 * @param end when it ended (answered, or given up), after the run's start
 * @param failure why it failed in the end; null for a success
 * @param clientAttempts the HTTP requests the client sent for it (to the upstream, or to Sluice)
 * @param upstreamAttempts the attempts that reached the upstream for it, as far as the client can
 *     tell: every one it sent itself, or what Sluice's {@code X-Sluice-Attempts} said
 * @param abandoned whether the client gave up on an attempt that was still on its way
 */
public record RequestRecord(PlannedRequest request, Duration end, Cause failure, int clientAttempts,
    int upstreamAttempts, boolean abandoned) {

  /** Whether it succeeded. */
  public boolean success() {
    return failure == null;
  }

  /** From its arrival to its end. */
  public Duration latency() {
    return end.minus(request.arrival());
  }
}
