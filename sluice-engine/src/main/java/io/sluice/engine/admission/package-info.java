/**
 * The admission queue: requests wait here, with a deadline, for the capacity pacing allows.
 *
 * <p>Entry point: {@link io.sluice.engine.admission.AdmissionQueue}. {@code offer(tenant,
 * priority, deadline, earliestAdmission, now)} answers {@link io.sluice.engine.admission.Offer.Queued}
 * with a {@link io.sluice.engine.admission.Waiter}, or {@link
 * io.sluice.engine.admission.Offer.Refused} at once (deadline before the earliest admission, with
 * the exact {@code Retry-After}; or queue full). The owner calls {@code onCapacity(now)} for each
 * free slot and {@code poll(now)} at {@code nextDeadline()}; each waiter's {@link
 * io.sluice.engine.admission.Waiter#result()} completes with {@link
 * io.sluice.engine.admission.Result.Admitted} or {@link io.sluice.engine.admission.Result.TimedOut}.
 * Interactive before batch; tenants round-robin within a class. No thread is ever parked.
 */
package io.sluice.engine.admission;
