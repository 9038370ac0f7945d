package io.sluice.app.bench.workload;

import java.time.Duration;
import java.util.List;

/**
 * One request of a workload's schedule, the same for every strategy.
 *
 * @param index its position in arrival order, from 0
 * @param arrival when it arrives, after the run's start
 * @param type interactive or batch
 * @param chain the model requested, then its fallbacks
 * @param route the index of its chain among the workload's model choices (its route in Sluice)
 * @param promptTokens about how many tokens its prompt has
 * @param maxTokens the {@code max_tokens} it sends
 * @param deadline how long after its arrival it may still succeed
 */
public record PlannedRequest(int index, Duration arrival, RequestClass type, List<String> chain, int route,
    int promptTokens, int maxTokens, Duration deadline) {

  public PlannedRequest {
    chain = List.copyOf(chain);
  }

  /** The model requested first. */
  public String model() {
    return chain.getFirst();
  }

  /** The arrival plus the deadline: when the request stops being worth answering. */
  public Duration due() {
    return arrival.plus(deadline);
  }
}
