package io.sluice.gateway.chat;

import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.retry.RetryDecision;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One request's retries and fallback. After a failure before anything reached the client it
 * prefers another candidate (when the cause allows a fallback and one is left whose breaker lets
 * it through), then the same model again (when the cause allows a retry, after the backoff or the
 * upstream's hint, before the deadline), and otherwise lets the client see the failure.
 *
 * <p>A retry of the same model needs the shared retry budget, so that an outage cannot multiply
 * the load on what is failing. A fallback does not: it goes to another model, at most
 * {@code max-attempts} per request, and the breakers stop sending to models that keep failing, so
 * a storm on one model is ridden out on the others.
 */
final class CallPolicy implements AttemptPolicy {

  private final Resilience shared;
  private final List<String> candidates;
  private final Instant deadline;
  private final InstantSource clock;
  private final Set<String> tried = new LinkedHashSet<>();
  private final Map<String, Integer> attemptsByModel = new HashMap<>();

  CallPolicy(Resilience shared, List<String> candidates, Instant deadline, InstantSource clock) {
    this.shared = shared;
    this.candidates = List.copyOf(candidates);
    this.deadline = deadline;
    this.clock = clock;
  }

  /** The first candidate whose breaker lets it through, or the first of all when every one is open. */
  String first(Instant now) {
    return nextUntried(now).orElse(candidates.getFirst());
  }

  /** Another candidate than those tried, for a request the pacing would hold too long. */
  Optional<String> alternativeTo(String model, Instant now) {
    tried.add(model);
    return nextUntried(now);
  }

  /** Counts an attempt about to be sent. */
  void sending(String model) {
    tried.add(model);
    attemptsByModel.merge(model, 1, Integer::sum);
  }

  @Override
  public Verdict afterFailure(AttemptResult failed, int attempts) {
    Instant now = clock.instant();
    return decide(failed.outcome(now), failed.model(), attempts, now);
  }

  /** The decision, as a function of the outcome, this request's history and the shared state at {@code now}. */
  Verdict decide(Outcome outcome, String model, int attempts, Instant now) {
    if (attempts >= shared.maxAttempts() || !now.isBefore(deadline)) {
      return new Relay();
    }
    if (outcome.reaction().fallback()) {
      Optional<String> next = nextUntried(now);
      if (next.isPresent()) {
        return new TryAgain(next.get(), Duration.ZERO);
      }
    }
    int onThisModel = attemptsByModel.getOrDefault(model, 1);
    if (shared.backoff().next(onThisModel, outcome, now, deadline) instanceof RetryDecision.RetryAt at
        && shared.budget().tryAcquireRetry(now)) {
      return new TryAgain(model, Duration.between(now, at.instant()));
    }
    return new Relay();
  }

  private Optional<String> nextUntried(Instant now) {
    for (String candidate : candidates) {
      if (!tried.contains(candidate) && shared.breakers().allow(candidate, null, now).sends()) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
