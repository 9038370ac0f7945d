/**
 * Pacing before sending: requests wait for admission here instead of failing upstream, because
 * every failed attempt still counts toward OpenRouter's quotas.
 *
 * <p>Entry point: {@link io.sluice.engine.pacing.FreeModelLimiter}, configured by {@link
 * io.sluice.engine.pacing.FreeModelLimits}. {@code admit(now)} answers {@link
 * io.sluice.engine.pacing.Admission.Admitted} with a {@link io.sluice.engine.pacing.Permit}, or
 * {@link io.sluice.engine.pacing.Admission.WaitUntil} with the instant and the {@link
 * io.sluice.engine.pacing.WaitReason}; the permit is closed by releasing it (never sent) or
 * completing it with the attempt's outcome (sent), from which the limiter learns.
 *
 * <p>For the limits nobody publishes, {@link io.sluice.engine.pacing.AdaptiveLimit} keeps an AIMD
 * concurrency limit and a cool-down per model and per provider ({@link
 * io.sluice.engine.pacing.LimitKey}), configured by {@link
 * io.sluice.engine.pacing.AdaptiveLimitConfig}: {@code tryAcquire(key, now)} before sending,
 * {@code release(key, outcome, now)} after.
 */
package io.sluice.engine.pacing;
