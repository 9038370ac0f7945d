package io.sluice.simulator.scenario;

/**
 * Probabilities that a provider fails an attempt on its own, each drawn independently.
 *
 * @param rateLimited 429 "temporarily rate-limited upstream"
 * @param unavailable 502 "Provider returned error"
 * @param overloaded 529 provider overloaded
 * @param timeout 408 request timed out
 */
public record ErrorRates(Double rateLimited, Double unavailable, Double overloaded, Double timeout) {

  public static final ErrorRates NONE = new ErrorRates(0.0, 0.0, 0.0, 0.0);

  public ErrorRates {
    rateLimited = Checks.probability(rateLimited, 0, "error-rates.rate-limited");
    unavailable = Checks.probability(unavailable, 0, "error-rates.unavailable");
    overloaded = Checks.probability(overloaded, 0, "error-rates.overloaded");
    timeout = Checks.probability(timeout, 0, "error-rates.timeout");
  }
}
