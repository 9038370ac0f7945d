/**
 * An incremental parser for server-sent events (the {@code text/event-stream} format of the WHATWG
 * HTML standard), as OpenRouter and OpenAI-compatible upstreams use it for streamed completions.
 *
 * <p>Entry point: {@link io.sluice.upstream.sse.SseParser}, fed the response body in whatever
 * chunks the HTTP client delivers, calling an {@link io.sluice.upstream.sse.SseListener} with each
 * {@link io.sluice.upstream.sse.SseEvent} and comment. The parser only reads the bytes it is given,
 * so a proxy can forward the same bytes unchanged and observe them on the side.
 */
package io.sluice.upstream.sse;
