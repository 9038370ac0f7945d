package io.sluice.app.bench.workload;

import static io.sluice.app.bench.workload.Checks.require;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the clients of a resilience benchmark send, against which simulator scenario. Immutable;
 * load one with {@link Workloads}. Every duration is simulated time.
 *
 * @param name short name, used for the result files
 * @param description what it shows
 * @param scenario the simulator preset or scenario file the strategies run against
 * @param timeScale simulated seconds per real second; the scenario's own when absent
 * @param seed makes the schedule (arrivals, classes, models, sizes) and the clients' jitter repeatable
 * @param duration the time over which requests arrive
 * @param requests how many requests arrive in all
 * @param arrival when they arrive
 * @param interactiveShare the share of the requests that are interactive; the rest are batch
 * @param interactive the interactive clients
 * @param batch the batch clients
 * @param promptTokens prompt size per request
 * @param completionTokens {@code max_tokens} per request
 * @param models the models requested, with their weights and fallback chains
 */
public record Workload(
    String name,
    String description,
    String scenario,
    Double timeScale,
    Long seed,
    Duration duration,
    Integer requests,
    Arrival arrival,
    Double interactiveShare,
    ClassSpec interactive,
    ClassSpec batch,
    TokenRange promptTokens,
    TokenRange completionTokens,
    List<ModelChoice> models) {

  public Workload {
    require(name != null && name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}"),
        "name must be 1 to 64 letters, digits, '.', '_' or '-' (it names the result files), was '" + name + "'");
    description = Objects.requireNonNullElse(description, "");
    require(scenario != null && !scenario.isBlank(), "scenario is required: a simulator preset or a scenario file");
    require(timeScale == null || (timeScale > 0 && !timeScale.isInfinite()),
        "time-scale must be a positive number, was " + timeScale);
    seed = Objects.requireNonNullElse(seed, 1L);
    require(duration != null && duration.isPositive(), "duration must be positive, was " + duration);
    require(requests != null && requests >= 1 && requests <= 100_000,
        "requests must be between 1 and 100000, was " + requests);
    arrival = Objects.requireNonNullElse(arrival, Arrival.STEADY);
    require(!arrival.bursts() || arrival.every().compareTo(duration) <= 0,
        "arrival.every must not be longer than the duration");
    interactiveShare = Objects.requireNonNullElse(interactiveShare, 0.5);
    require(interactiveShare >= 0 && interactiveShare <= 1,
        "interactive-share must be between 0 and 1, was " + interactiveShare);
    require(interactive != null, "interactive is required: its clients and deadline");
    require(batch != null, "batch is required: its clients and deadline");
    require(promptTokens != null, "prompt-tokens is required: {min, max}");
    require(completionTokens != null, "completion-tokens is required: {min, max}");
    models = List.copyOf(Objects.requireNonNullElse(models, List.of()));
    require(!models.isEmpty(), "models must list at least one model");
  }

  /** The spec of one class's clients. */
  public ClassSpec spec(RequestClass type) {
    return type == RequestClass.INTERACTIVE ? interactive : batch;
  }

  /** The longest deadline of any request. */
  public Duration longestDeadline() {
    return interactive.deadline().compareTo(batch.deadline()) >= 0 ? interactive.deadline() : batch.deadline();
  }
}
