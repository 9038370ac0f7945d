package io.sluice.upstream.sse;

/**
 * Receives what an {@link SseParser} finds, on the thread that feeds the parser, in stream order.
 * An exception thrown here propagates out of {@link SseParser#feed}.
 */
@FunctionalInterface
public interface SseListener {

  /** An event was dispatched (a blank line ended a block that had at least one {@code data:} line). */
  void onEvent(SseEvent event);

  /**
   * A comment line; {@code text} is what follows the colon, without one leading space. OpenRouter
   * sends {@code : OPENROUTER PROCESSING} as a keep-alive, so this receives
   * {@code "OPENROUTER PROCESSING"}. Ignored by default.
   */
  default void onComment(String text) {}
}
