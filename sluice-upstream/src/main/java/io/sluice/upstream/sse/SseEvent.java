package io.sluice.upstream.sse;

import java.util.Objects;

/**
 * One dispatched server-sent event.
 *
 * @param type the {@code event:} field, or {@code "message"} when the event named none
 * @param data the {@code data:} lines of the event joined with {@code \n}; never null
 * @param id the last {@code id:} seen in the stream so far (it carries over between events, as the
 *     standard says), or {@code ""} when there was none
 */
public record SseEvent(String type, String data, String id) {

  /** The type of an event that names none. */
  public static final String DEFAULT_TYPE = "message";

  /** The data of the OpenAI-style end-of-stream marker, {@code data: [DONE]}. */
  public static final String DONE = "[DONE]";

  public SseEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(id, "id");
  }

  /** An event of the default type with no id, as OpenRouter sends them. */
  public static SseEvent data(String data) {
    return new SseEvent(DEFAULT_TYPE, data, "");
  }

  /** Whether this is the {@code [DONE]} marker that ends an OpenAI-compatible stream. */
  public boolean isDone() {
    return DONE.equals(data);
  }
}
