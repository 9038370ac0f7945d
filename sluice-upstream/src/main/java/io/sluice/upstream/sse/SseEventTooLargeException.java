package io.sluice.upstream.sse;

/**
 * An event grew past the parser's bound before it ended. The stream is not SSE as an LLM upstream
 * sends it (or is hostile); the parser refuses to buffer more and cannot continue.
 *
 * <p>The message names the bound only, never the content, which may be anything.
 */
public final class SseEventTooLargeException extends RuntimeException {

  private final int maxEventBytes;

  SseEventTooLargeException(int maxEventBytes) {
    super("an SSE event exceeded " + maxEventBytes + " bytes before it ended; "
        + "the stream was not parsed further");
    this.maxEventBytes = maxEventBytes;
  }

  /** The bound that was exceeded, in bytes. */
  public int maxEventBytes() {
    return maxEventBytes;
  }
}
