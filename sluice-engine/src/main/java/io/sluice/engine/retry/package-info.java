/**
 * Retries: when one request may send a failed call again, and how many retries all traffic
 * together may send.
 *
 * <p>Entry points: {@link io.sluice.engine.retry.Backoff}, per request, turns a failed attempt's
 * {@link io.sluice.engine.outcome.Outcome} into a {@link io.sluice.engine.retry.RetryDecision}
 * (retry at an instant before the deadline, or give up and say why); {@link
 * io.sluice.engine.retry.RetryBudget}, shared, grants each retry against the traffic of a sliding
 * window ({@link io.sluice.engine.retry.RetryBudgetLimits}). A retry is sent only if both agree:
 *
 * <pre>{@code
 * budget.recordRequest(now);                                  // once per client request
 * // ... attempt n failed with outcome:
 * switch (backoff.next(n, outcome, now, deadline)) {
 *   case RetryDecision.RetryAt retry when budget.tryAcquireRetry(now) -> schedule(retry.instant());
 *   case RetryDecision.RetryAt retry -> fallBackOrFail("retry budget spent");
 *   case RetryDecision.GiveUp giveUp -> fallBackOrFail(giveUp.reason());
 * }
 * }</pre>
 */
package io.sluice.engine.retry;
