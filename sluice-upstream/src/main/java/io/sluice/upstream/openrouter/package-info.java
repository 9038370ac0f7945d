/**
 * Reading what OpenRouter (or an OpenAI-compatible upstream) answers, from bytes the HTTP client
 * has already received.
 *
 * <p>Entry points:
 *
 * <ul>
 *   <li>{@link io.sluice.upstream.openrouter.UpstreamErrors}: an {@link
 *       io.sluice.upstream.openrouter.UpstreamError} from each place an error can arrive: a non-2xx
 *       body, a 200 body, or a mid-stream SSE chunk. Never throws on garbage.
 *   <li>{@link io.sluice.upstream.openrouter.ResponseObserver}: fed the SSE data payloads of a
 *       stream (it is an {@link io.sluice.upstream.sse.SseListener}) or a whole non-stream body,
 *       it learns what must be accounted: generation id, model and provider served, finish reason,
 *       {@link io.sluice.upstream.openrouter.Usage} and any error.
 * </ul>
 *
 * <p>These types gather evidence; deciding what an error means (retry, wait, fall back) belongs to
 * the engine's classifier. Text kept from a body has bearer tokens and {@code sk-} keys masked.
 */
package io.sluice.upstream.openrouter;
