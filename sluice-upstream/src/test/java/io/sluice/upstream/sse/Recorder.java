package io.sluice.upstream.sse;

import java.util.ArrayList;
import java.util.List;

/** Records what a parser reports, events and comments interleaved in stream order. */
final class Recorder implements SseListener {

  record Comment(String text) {}

  final List<Object> seen = new ArrayList<>();

  @Override
  public void onEvent(SseEvent event) {
    seen.add(event);
  }

  @Override
  public void onComment(String text) {
    seen.add(new Comment(text));
  }

  List<SseEvent> events() {
    return seen.stream().filter(SseEvent.class::isInstance).map(SseEvent.class::cast).toList();
  }

  List<String> data() {
    return events().stream().map(SseEvent::data).toList();
  }
}
