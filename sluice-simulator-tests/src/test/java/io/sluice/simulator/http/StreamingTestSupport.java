package io.sluice.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testing.HttpTester.SseEvent;
import io.sluice.testing.SimulatorExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Reads live responses incrementally, so tests can see what arrived before the simulated clock moves. */
final class StreamingTestSupport {

  static final String PATH = "/api/v1/chat/completions";
  static final String HEARTBEAT = "OPENROUTER PROCESSING";
  private static final ObjectMapper JSON = new ObjectMapper();

  private StreamingTestSupport() {}

  static String body(String model, String prompt, String extra) {
    return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]"
        + (extra.isEmpty() ? "" : "," + extra) + "}";
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  static boolean isJson(String text) {
    try {
      JSON.readTree(text);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The content carried by the data chunks, in order. */
  static String content(List<SseEvent> events) {
    StringBuilder text = new StringBuilder();
    for (SseEvent event : events) {
      if (!event.comment() && !event.done()) {
        JsonNode choices = event.json().path("choices");
        if (!choices.isEmpty()) {
          text.append(choices.get(0).path("delta").path("content").asText(""));
        }
      }
    }
    return text.toString();
  }

  /** Content chunks: data events with a choice that has not finished. */
  static List<JsonNode> contentChunks(List<SseEvent> events) {
    List<JsonNode> chunks = new ArrayList<>();
    for (SseEvent event : events) {
      if (!event.comment() && !event.done() && isJson(event.text())) {
        JsonNode choices = event.json().path("choices");
        if (!choices.isEmpty() && choices.get(0).path("finish_reason").isNull()) {
          chunks.add(event.json());
        }
      }
    }
    return chunks;
  }

  /**
   * Polls (in real time, at most {@code timeout}) for something the simulator does on another
   * thread with nothing to block on, such as closing a connection the client dropped.
   */
  static void eventually(Duration timeout, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  /** Every simulator thread has left the clock: nothing parked leaks into the next test. */
  static void awaitNoSleepers(SimulatorExtension sim) {
    eventually(Duration.ofSeconds(5), () -> sim.clock().sleepers() == 0, "no response is parked on the clock");
  }

  /** Waits until a response is parked on the simulated clock. */
  static void awaitParked(SimulatorExtension sim) throws InterruptedException {
    assertThat(sim.clock().awaitSleepers(1, Duration.ofSeconds(5))).as("a response parks on the clock").isTrue();
  }

  /** A response whose body is read line by line as it arrives. */
  static final class Live implements AutoCloseable {

    final HttpResponse<InputStream> response;
    private final BufferedReader reader;
    private final List<SseEvent> seen = new ArrayList<>();
    private IOException failure;
    private boolean ended;

    private Live(HttpResponse<InputStream> response) {
      this.response = response;
      this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    /** Sends and returns once the status and headers have arrived. */
    static Live open(SimulatorExtension sim, String key, String body) throws IOException, InterruptedException {
      return open(sim.http().client(), sim, key, body);
    }

    static Live open(HttpClient client, SimulatorExtension sim, String key, String body)
        throws IOException, InterruptedException {
      HttpRequest request = sim.http().builder(PATH, sim.key(key), Map.of())
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      return new Live(client.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    /** The next SSE event (comment or data), or null when the body ended or broke. */
    SseEvent next() {
      try {
        String line;
        do {
          line = reader.readLine();
        } while (line != null && line.isEmpty());
        if (line == null) {
          ended = true;
          return null;
        }
        SseEvent event = SseEvent.parse(line).stream().findFirst().orElse(new SseEvent(false, line));
        seen.add(event);
        return event;
      } catch (IOException e) {
        failure = e;
        ended = true;
        return null;
      }
    }

    /** The next {@code count} events, each of which must arrive. */
    List<SseEvent> next(int count) {
      List<SseEvent> events = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        SseEvent event = next();
        assertThat(event).as("event %d of %d after %s", i + 1, count, seen).isNotNull();
        events.add(event);
      }
      return events;
    }

    /** Reads to the end of the body (clean or broken) and returns the events seen there. */
    List<SseEvent> rest() {
      List<SseEvent> events = new ArrayList<>();
      for (SseEvent event = next(); event != null; event = next()) {
        events.add(event);
      }
      return events;
    }

    /** Everything read so far. */
    List<SseEvent> seen() {
      return List.copyOf(seen);
    }

    /** Nothing beyond what was read (and the blank line that ends an event) is waiting on the client side. */
    boolean quiet() {
      try {
        while (reader.ready()) {
          reader.mark(1);
          int c = reader.read();
          if (c != '\n' && c != '\r') {
            reader.reset();
            return false;
          }
        }
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The body ended with an I/O error rather than a clean end. */
    IOException failure() {
      return failure;
    }

    boolean ended() {
      return ended;
    }

    /** The client leaves: the connection is dropped before the body ended. */
    @Override
    public void close() {
      try {
        response.body().close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
