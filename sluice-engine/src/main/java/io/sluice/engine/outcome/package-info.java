/**
 * Classification: every way an upstream attempt can end, mapped to one of a closed set of causes.
 *
 * <p>Entry point: {@link io.sluice.engine.outcome.Classifier}, fed what {@code sluice-upstream}
 * read (an {@link io.sluice.upstream.openrouter.UpstreamError} from an error response, a 200 body
 * or a mid-stream chunk; or a {@link io.sluice.upstream.openrouter.ResponseSummary}) or a failure
 * Sluice detected itself ({@link io.sluice.engine.outcome.GatewayFailure}). It returns an {@link
 * io.sluice.engine.outcome.Outcome}: an {@link io.sluice.engine.outcome.OutcomeType} plus the
 * evidence the engine acts on (provider, when a retry may succeed, the limit headers). Each type
 * carries its default {@link io.sluice.engine.outcome.Reaction}, DESIGN.md's error table as data.
 */
package io.sluice.engine.outcome;
