package io.sluice.gateway.chat;

import java.time.Duration;

/**
 * What to do about an attempt that failed before anything reached the client: let the client see
 * the failure, or try again (the same model or another, now or after a wait). {@link CallPolicy}
 * decides with the traffic engine's backoff, retry budget and breakers.
 */
@FunctionalInterface
interface AttemptPolicy {

  /**
   * @param failed the attempt that failed and what is known about why
   * @param attempts how many attempts this request has made, the failed one included
   */
  Verdict afterFailure(AttemptResult failed, int attempts);

  /** The decision. */
  sealed interface Verdict permits Relay, TryAgain {}

  /** The client gets this failure. */
  record Relay() implements Verdict {}

  /** Another attempt, for {@code model}, once {@code after} has passed. */
  record TryAgain(String model, Duration after) implements Verdict {}
}
