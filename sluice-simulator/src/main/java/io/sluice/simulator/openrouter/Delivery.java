package io.sluice.simulator.openrouter;

import static io.sluice.simulator.openrouter.CompletionBodies.chunk;
import static io.sluice.simulator.openrouter.CompletionBodies.completionJson;
import static io.sluice.simulator.openrouter.CompletionBodies.errorInChoices;
import static io.sluice.simulator.openrouter.CompletionBodies.errorTopLevel;
import static io.sluice.simulator.openrouter.CompletionBodies.midStreamError;
import static io.sluice.simulator.openrouter.CompletionBodies.sse;
import static io.sluice.simulator.openrouter.CompletionBodies.usageChunk;

import io.sluice.simulator.SimClock;
import io.sluice.simulator.scenario.FaultSpec;
import io.sluice.simulator.scenario.Latency;
import io.sluice.simulator.scenario.Pricing;
import io.sluice.simulator.scenario.Streaming;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Writes one served completion the way OpenRouter does, plain JSON or SSE, and applies the
 * delivery faults that strike it. Returns what actually reached the client.
 */
final class Delivery {

  private static final byte[] HEARTBEAT = ": OPENROUTER PROCESSING\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

  /**
   * Everything about the response being written.
   *
   * @param id the generation id
   * @param created unix seconds
   * @param model the model that serves
   * @param provider the provider that serves
   * @param completion the generated text
   * @param promptTokens prompt tokens billed
   * @param pricing the serving endpoint's prices
   * @param latency the serving provider's speed
   * @param userId the caller's user id, for error bodies
   */
  record Served(String id, long created, String model, String provider, ContentGenerator.Completion completion,
      int promptTokens, Pricing pricing, Latency latency, String userId) {

    double cost(int completionTokens) {
      return pricing.cost(promptTokens, completionTokens);
    }
  }

  /**
   * What happened on the wire.
   *
   * @param completionTokens completion tokens sent
   * @param brokenBy the fault (or {@code client-gone}) that broke the response, null when whole
   */
  record Outcome(int completionTokens, String brokenBy) {
    boolean whole() {
      return brokenBy == null;
    }
  }

  private final SimClock clock;
  private final Streaming streaming;

  Delivery(SimClock clock, Streaming streaming) {
    this.clock = clock;
    this.streaming = streaming;
  }

  Outcome plain(Wire wire, Served served, List<FaultSpec> faults) {
    if (has(faults, "reset-before-headers")) {
      wire.abort(true);
      return new Outcome(0, "reset-before-headers");
    }
    try {
      hang(wire, faults);
      return plainAfterHang(wire, served, faults);
    } catch (InterruptedException e) {
      return clientGone(wire, 0);
    }
  }

  private Outcome plainAfterHang(Wire wire, Served served, List<FaultSpec> faults) throws InterruptedException {
    ContentGenerator.Completion completion = served.completion();
    clock.sleep(firstTokenDelay(served, faults).plus(served.latency().perChunk(completion.tokens())));
    wire.status(200);
    wire.header("Content-Type", "application/json");
    wire.header("X-Generation-Id", served.id());
    FaultSpec inBody = first(faults, "error-in-body", "mid-stream-error");
    if (inBody != null) {
      boolean choicesForm = inBody.type().equals("mid-stream-error") || "choices".equals(inBody.form());
      int partial = completion.tokens() / 2;
      wire.finish(choicesForm ? errorInChoices(served, inBody, partial) : errorTopLevel(served, inBody));
      return new Outcome(choicesForm ? partial : 0, inBody.type());
    }
    byte[] body = completionJson(served);
    if (has(faults, "malformed-json")) {
      wire.finish(java.util.Arrays.copyOf(body, body.length * 2 / 3));
      return new Outcome(completion.tokens(), "malformed-json");
    }
    FaultSpec cut = first(faults, "truncated-body", "reset-mid-body", "stall");
    if (cut == null) {
      wire.finish(body);
      return new Outcome(completion.tokens(), null);
    }
    return cutPlain(wire, body, cut, completion.tokens());
  }

  private Outcome cutPlain(Wire wire, byte[] body, FaultSpec cut, int tokens) throws InterruptedException {
    int at = cut.afterBytes() != null ? Math.min(cut.afterBytes(), body.length) : body.length / 2;
    wire.header("Content-Length", Integer.toString(body.length));
    try {
      wire.write(java.util.Arrays.copyOf(body, at));
      if (cut.type().equals("stall")) {
        hold(wire, cut.delay());
        wire.finish(java.util.Arrays.copyOfRange(body, at, body.length));
        return new Outcome(tokens, null);
      }
    } catch (IOException e) {
      return new Outcome(0, "client-gone");
    }
    wire.abort(cut.type().equals("reset-mid-body"));
    return new Outcome(0, cut.type());
  }

  Outcome stream(Wire wire, Served served, List<FaultSpec> faults) {
    if (has(faults, "reset-before-headers")) {
      wire.abort(true);
      return new Outcome(0, "reset-before-headers");
    }
    int sent = 0;
    try {
      hang(wire, faults);
      wire.status(200);
      wire.header("Content-Type", "text/event-stream");
      wire.header("Cache-Control", "no-cache");
      wire.header("X-Generation-Id", served.id());
      wire.write(HEARTBEAT);
      Instant due = waitWithHeartbeats(wire, firstTokenDelay(served, faults));
      List<String> pieces = served.completion().pieces();
      int perChunk = streaming.tokensPerChunk();
      int chunks = (pieces.size() + perChunk - 1) / perChunk;
      for (int chunk = 0; chunk < chunks; chunk++) {
        due = stall(wire, faults, chunk, chunks, due);
        String broken = strikeBeforeChunk(wire, served, faults, chunk, chunks);
        if (broken != null) {
          return new Outcome(sent, broken);
        }
        if (chunk > 0) {
          due = due.plus(served.latency().perChunk(perChunk));
          sleepUntil(due);
        }
        int to = Math.min(pieces.size(), (chunk + 1) * perChunk);
        wire.write(chunk(served, served.completion().text(chunk * perChunk, to), null, false));
        sent = to;
      }
      String finish = served.completion().finishReason();
      wire.write(chunk(served, "", finish, false));
      wire.write(streaming.usageWithChoices() ? chunk(served, "", finish, true) : usageChunk(served));
      wire.write(DONE);
      wire.finish();
      return new Outcome(sent, strikes(faults, "malformed-json", chunks) ? "malformed-json" : null);
    } catch (IOException e) {
      return new Outcome(sent, "client-gone");
    } catch (InterruptedException e) {
      return clientGone(wire, sent);
    }
  }

  /**
   * Holds the stream for the stalls due before content chunk {@code chunk}, counting from when the
   * previous chunk was due; returns when the stall ends, from which the next chunk is paced.
   */
  private Instant stall(Wire wire, List<FaultSpec> faults, int chunk, int chunks, Instant due)
      throws InterruptedException {
    Instant until = due;
    for (FaultSpec fault : faults) {
      if (fault.type().equals("stall") && dueChunk(fault, chunks) == chunk) {
        if (fault.delay() == null) {
          untilClientLeaves(wire);
        } else {
          until = until.plus(fault.delay());
          sleepUntil(until);
        }
      }
    }
    return until;
  }

  /** Applies the faults due before content chunk {@code chunk}; returns the fault that ended the stream, if any. */
  private String strikeBeforeChunk(Wire wire, Served served, List<FaultSpec> faults, int chunk, int chunks)
      throws IOException {
    for (FaultSpec fault : faults) {
      if (dueChunk(fault, chunks) != chunk) {
        continue;
      }
      switch (fault.type()) {
        // A broken event, properly framed: the next event still arrives whole.
        case "malformed-json" -> wire.write(("data: {\"id\":\"" + served.id() + "\",\"choices\":[{\"delta\":{\"content\":\"\n\n")
            .getBytes(StandardCharsets.UTF_8));
        case "reset-mid-body" -> {
          wire.abort(true);
          return fault.type();
        }
        case "truncated-body" -> {
          wire.finish();
          return fault.type();
        }
        case "mid-stream-error", "error-in-body" -> {
          wire.write(sse(midStreamError(served, fault)));
          wire.finish();
          return fault.type();
        }
        default -> { }
      }
    }
    return null;
  }

  private static int dueChunk(FaultSpec fault, int chunks) {
    return fault.afterChunks() != null ? fault.afterChunks() : chunks / 2;
  }

  private static boolean strikes(List<FaultSpec> faults, String type, int chunks) {
    return faults.stream().anyMatch(f -> f.type().equals(type) && dueChunk(f, chunks) < chunks);
  }

  /** Sends a heartbeat every {@code streaming.heartbeat} until the first token is due, and returns when that is. */
  private Instant waitWithHeartbeats(Wire wire, Duration wait) throws IOException, InterruptedException {
    Instant start = clock.now();
    Instant firstToken = start.plus(wait);
    for (Instant beat = start.plus(streaming.heartbeat()); beat.isBefore(firstToken);
        beat = beat.plus(streaming.heartbeat())) {
      sleepUntil(beat);
      wire.write(HEARTBEAT);
    }
    sleepUntil(firstToken);
    return firstToken;
  }

  /** Sleeps until {@code instant} on the simulated clock, so pauses add up to the schedule however the clock moves. */
  private void sleepUntil(Instant instant) throws InterruptedException {
    Duration left = Duration.between(clock.now(), instant);
    if (left.isPositive()) {
      clock.sleep(left);
    }
  }

  private void hang(Wire wire, List<FaultSpec> faults) throws InterruptedException {
    FaultSpec hang = first(faults, "hang");
    if (hang != null) {
      hold(wire, hang.delay());
    }
  }

  /** Sleeps for {@code delay}, or without one until the client leaves (the handler then interrupts). */
  private void hold(Wire wire, Duration delay) throws InterruptedException {
    if (delay == null) {
      untilClientLeaves(wire);
    } else {
      clock.sleep(delay);
    }
  }

  /**
   * Waits for the client to leave (the handler then interrupts this thread) or the simulator to
   * stop: a real-time event, not simulated time, so an auto-advancing clock does not skip it.
   */
  private void untilClientLeaves(Wire wire) throws InterruptedException {
    wire.interruptWhenClientLeaves();
    clock.parkUntilInterrupted();
  }

  private static Outcome clientGone(Wire wire, int sent) {
    wire.abort(false);
    return new Outcome(sent, "client-gone");
  }

  private static Duration firstTokenDelay(Served served, List<FaultSpec> faults) {
    Duration delay = served.latency().firstToken();
    for (FaultSpec fault : faults) {
      if (fault.type().equals("slow-first-token")) {
        delay = delay.plus(fault.delay());
      }
    }
    return delay;
  }

  private static boolean has(List<FaultSpec> faults, String type) {
    return first(faults, type) != null;
  }

  private static FaultSpec first(List<FaultSpec> faults, String... types) {
    for (FaultSpec fault : faults) {
      for (String type : types) {
        if (fault.type().equals(type)) {
          return fault;
        }
      }
    }
    return null;
  }
}
