/**
 * Sluice's traffic engine, a library with no HTTP server, database or metrics in it: it decides,
 * and the gateway (or an application embedding it) acts. Every decision takes {@code now} as an
 * argument and reads no clock.
 *
 * <p><b>Public API</b> for embedding: {@link io.sluice.engine.TrafficEngine}, built from an
 * {@link io.sluice.engine.EngineConfig}, plans each request ({@link io.sluice.engine.RequestSpec}
 * in, {@link io.sluice.engine.RequestPlan} out); the plan answers {@link io.sluice.engine.Step}s
 * before each attempt and {@link io.sluice.engine.Verdict}s after it ({@link
 * io.sluice.engine.Attempt}); {@link io.sluice.engine.KeyInfo} reads the key endpoint and {@link
 * io.sluice.engine.CreditsInfo} the credits one. The packages below are its parts, usable on their
 * own.
 *
 * <ul>
 *   <li>{@link io.sluice.engine.outcome}: what an upstream attempt came to, by cause, with the
 *       evidence and the default reaction for each cause.
 *   <li>{@link io.sluice.engine.pacing}: admission before sending, so that known limits are never
 *       probed by failing; adaptive limits and cool-downs per model and provider.
 *   <li>{@link io.sluice.engine.admission}: the queue requests wait in for admission, by
 *       priority, fair between tenants, refused at once when their deadline cannot be met.
 *   <li>{@link io.sluice.engine.route}: a route's candidates for a request, and retry, fallback or
 *       failure after each failed attempt.
 *   <li>{@link io.sluice.engine.retry}: when a failed call may be sent again, within the request's
 *       deadline and a retry budget shared by all traffic.
 *   <li>{@link io.sluice.engine.breaker}: circuit breakers per model and provider, and the credits
 *       breaker that stops paid traffic.
 * </ul>
 */
package io.sluice.engine;
