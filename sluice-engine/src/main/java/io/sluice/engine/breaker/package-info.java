/**
 * Circuit breakers: stop sending to a model or provider that is failing, and stop paid traffic when
 * the account is out of credits.
 *
 * <p>Entry points: {@link io.sluice.engine.breaker.Breakers}, the registry of a {@link
 * io.sluice.engine.breaker.CircuitBreaker} per model and per provider (learned from outcomes),
 * configured by {@link io.sluice.engine.breaker.BreakerConfig}; and {@link
 * io.sluice.engine.breaker.CreditsBreaker}, one per account, closed by {@link
 * io.sluice.engine.breaker.CreditEvidence} or a probe. Each answers {@code allow(…, now)}
 * with a {@link io.sluice.engine.breaker.Permission}: allowed, a half-open probe, or rejected until
 * an instant. Only outcomes whose type {@link
 * io.sluice.engine.outcome.OutcomeType#signalsUnhealthy() signals unhealthiness} count as failures.
 *
 * <pre>{@code
 * Permission paid = credits.allow(candidate.free(), now);
 * if (!paid.sends()) { nextCandidate(); }
 * switch (breakers.allow(candidate.model(), pinnedProviderOrNull, now)) {
 *   case Permission.Rejected r -> nextCandidate();
 *   default -> send(...); // allowed, or one of the half-open probes
 * }
 * // once it came back: breakers.record(candidate.model(), outcome, now);
 * //                    credits.record(outcome, paid instanceof Permission.Probe, now);
 * // with each reading: credits.learn(CreditEvidence.Source.ACCOUNT, evidence, readAt);
 * }</pre>
 */
package io.sluice.engine.breaker;
