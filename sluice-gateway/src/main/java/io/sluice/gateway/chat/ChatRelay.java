package io.sluice.gateway.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.sluice.gateway.server.ApiError;
import io.sluice.gateway.server.Exchange;
import io.sluice.gateway.server.Headers;
import io.sluice.gateway.upstream.Attempt;
import io.sluice.gateway.upstream.AttemptFailure;
import io.sluice.gateway.upstream.AttemptListener;
import io.sluice.upstream.openrouter.ResponseObserver;
import io.sluice.upstream.openrouter.ResponseSummary;
import io.sluice.upstream.sse.SseEventTooLargeException;
import io.sluice.upstream.sse.SseParser;
import io.sluice.upstream.openrouter.ResponseHeaders;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Relays one upstream response to the client while learning what it says.
 *
 * <p>A stream's head is held until its first data event, so that the response headers can name
 * the model and provider that serve it, and so that a failure before any data can still be answered
 * as a plain HTTP error (the point where the traffic engine will retry). From then on each piece
 * goes out as it arrives, flushed once per upstream read. A non-stream answer is read whole (up to
 * {@value #MAX_HELD_BYTES} bytes, past which it is relayed as it comes) so that an error inside a
 * 200 body is seen before the client gets anything.
 *
 * <p>A stream that stalls or is cut after its head was sent ends with an OpenRouter-style error
 * chunk, never with a clean end.
 */
final class ChatRelay implements AttemptListener {

  static final int MAX_HELD_BYTES = 16 * 1024 * 1024;

  private enum Mode { AWAITING_HEAD, HOLDING_STREAM, STREAMING, HOLDING_BODY, PASSING_THROUGH, OVER }

  private final Exchange exchange;
  private final ChatCall call;
  private final ChatContext context;
  private final String model;
  private final int attemptNumber;
  private final InstantSource clock;
  private final ResponseObserver observer = new ResponseObserver();
  private Mode mode = Mode.AWAITING_HEAD;
  private HttpResponse upstreamHead;
  private CompositeByteBuf held;
  private SseParser parser;
  private boolean sawData;
  private Attempt attempt;

  ChatRelay(ChatCall call, Exchange exchange, ChatContext context, String model, int attemptNumber,
      InstantSource clock) {
    this.call = call;
    this.exchange = exchange;
    this.context = context;
    this.model = model;
    this.attemptNumber = attemptNumber;
    this.clock = clock;
    exchange.onClientGone(this::clientGone);
    exchange.onWritabilityChanged(writable -> {
      if (attempt != null) {
        attempt.setReading(writable);
      }
    });
  }

  void attach(Attempt running) {
    this.attempt = running;
  }

  @Override
  public void onHead(HttpResponse head) {
    upstreamHead = head;
    held = exchange.alloc().compositeBuffer(Integer.MAX_VALUE);
    if (head.status().code() == 200 && isEventStream(head)) {
      mode = Mode.HOLDING_STREAM;
      parser = new SseParser(event -> {
        sawData = true;
        observer.onEvent(event);
      });
    } else {
      mode = Mode.HOLDING_BODY;
    }
  }

  @Override
  public void onContent(ByteBuf content) {
    switch (mode) {
      case HOLDING_STREAM -> {
        observe(content);
        held.addComponent(true, content);
        if (sawData && (observer.summary().error() == null || relayed(failedStream()))) {
          commitStream();
        }
      }
      case STREAMING -> {
        observe(content);
        exchange.write(content);
      }
      case HOLDING_BODY -> {
        held.addComponent(true, content);
        if (held.readableBytes() > MAX_HELD_BYTES) {
          passThrough();
        }
      }
      case PASSING_THROUGH -> exchange.write(content);
      default -> content.release();
    }
  }

  @Override
  public void onReadComplete() {
    if (mode == Mode.STREAMING || mode == Mode.PASSING_THROUGH) {
      exchange.flush();
    }
  }

  @Override
  public void onEnd() {
    switch (mode) {
      case HOLDING_STREAM -> {
        parser.finish();
        if (relayed(failedStream())) {
          commitStream();
          endStream();
        }
      }
      case STREAMING -> {
        parser.finish();
        endStream();
      }
      case HOLDING_BODY -> answerWhole();
      case PASSING_THROUGH -> {
        exchange.end(null);
        over(ChatCompletion.Ending.ANSWERED, null);
      }
      default -> { }
    }
  }

  @Override
  public void onFailure(AttemptFailure failure) {
    if (mode == Mode.OVER) {
      return;
    }
    switch (mode) {
      case STREAMING -> cutStream(failure);
      case PASSING_THROUGH -> exchange.abort();
      default -> {
        release();
        if (!relayed(new AttemptResult(model, upstreamStatus(), upstreamHeaders(), new byte[0], observer.summary(),
            Optional.of(failure)))) {
          return;
        }
        exchange.fail(failure.kind().isTimeout()
            ? ApiError.gatewayTimeout("Upstream timeout: " + failure.detail())
            : ApiError.badGateway("upstream_unavailable", "Upstream failure: " + failure.detail()));
      }
    }
    over(ChatCompletion.Ending.UPSTREAM_FAILED, failure);
  }

  private void observe(ByteBuf content) {
    try {
      parser.feed(content.nioBuffer());
    } catch (SseEventTooLargeException e) {
      // Still relayed as it is; only Sluice's reading of the stream stops.
      parser = new SseParser(event -> { });
    }
  }

  private void commitStream() {
    ResponseSummary seen = observer.summary();
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, upstreamHead.headers().get(HttpHeaderNames.CONTENT_TYPE))
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
    describe(head.headers(), seen);
    exchange.startStream(head);
    mode = Mode.STREAMING;
    ByteBuf pending = held;
    held = null;
    exchange.write(pending);
    exchange.flush();
  }

  /** The upstream ended its response; one that never said {@code [DONE]} nor failed was cut short. */
  private void endStream() {
    ResponseSummary seen = observer.summary();
    if (!seen.done() && !seen.failed()) {
      byte[] chunk = StreamErrorChunk.of(seen, exchange.requestId(), clock.instant(), 502, "upstream_stream_truncated",
          "The upstream ended the stream without [DONE]; the answer is incomplete");
      exchange.end(Unpooled.wrappedBuffer(chunk));
    } else {
      exchange.end(null);
    }
    over(ChatCompletion.Ending.ANSWERED, null);
  }

  private void cutStream(AttemptFailure failure) {
    ResponseSummary seen = observer.summary();
    boolean timeout = failure.kind().isTimeout();
    byte[] chunk = StreamErrorChunk.of(seen, exchange.requestId(), clock.instant(), timeout ? 504 : 502,
        timeout ? "upstream_timeout" : "upstream_stream_cut", "The stream was cut: " + failure.detail());
    exchange.end(Unpooled.wrappedBuffer(chunk));
  }

  private void answerWhole() {
    int status = upstreamHead.status().code();
    byte[] body = new byte[held.readableBytes()];
    held.readBytes(body);
    release();
    if (status == 200) {
      observer.observeBody(body);
      if (observer.summary().unreadable() > 0) {
        answerUnreadable();
        return;
      }
    }
    boolean failed = status != 200 || observer.summary().error() != null;
    if (failed && !relayed(new AttemptResult(model, status, upstreamHeaders(), status == 200 ? new byte[0] : body,
        observer.summary(), Optional.empty()))) {
      return;
    }
    HttpHeaders headers = new DefaultHttpHeaders();
    copy(HttpHeaderNames.RETRY_AFTER, headers);
    describe(headers, observer.summary());
    CharSequence type = upstreamHead.headers().get(HttpHeaderNames.CONTENT_TYPE, "application/json");
    exchange.respond(upstreamHead.status(), type, body, headers);
    over(ChatCompletion.Ending.ANSWERED, null);
  }

  /**
   * A 200 whose body is not a JSON object: the upstream broke its answer. The client gets a 502
   * that says so (or another attempt), never a success it cannot parse.
   */
  private void answerUnreadable() {
    AttemptFailure broken = new AttemptFailure(AttemptFailure.Kind.PROTOCOL, true,
        "the upstream answered 200 with a body that is not valid JSON");
    if (relayed(new AttemptResult(model, 200, upstreamHeaders(), new byte[0], observer.summary(),
        Optional.of(broken)))) {
      exchange.fail(ApiError.badGateway("upstream_malformed_response", "Upstream failure: " + broken.detail()));
      over(ChatCompletion.Ending.UPSTREAM_FAILED, broken);
    }
  }

  private void passThrough() {
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, upstreamHead.status());
    head.headers().set(HttpHeaderNames.CONTENT_TYPE,
        upstreamHead.headers().get(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream"));
    copy(HttpHeaderNames.CONTENT_LENGTH, head.headers());
    describe(head.headers(), observer.summary());
    exchange.startStream(head);
    mode = Mode.PASSING_THROUGH;
    ByteBuf pending = held;
    held = null;
    exchange.write(pending);
  }

  private void describe(HttpHeaders headers, ResponseSummary seen) {
    headers.set(Headers.ATTEMPTS, attemptNumber);
    headers.set(Headers.QUEUED_MS, call.queuedMillis());
    if (seen.model() != null) {
      headers.set(Headers.MODEL, seen.model());
    }
    if (seen.provider() != null) {
      headers.set(Headers.PROVIDER, seen.provider());
    }
    context.route().ifPresent(route -> headers.set(Headers.ROUTE, route));
    call.firstModel().filter(first -> !first.equals(model)).ifPresent(first -> headers.set(Headers.FALLBACK_FROM, first));
  }

  private void copy(CharSequence name, HttpHeaders to) {
    String value = upstreamHead.headers().get(name);
    if (value != null) {
      to.set(name, value);
    }
  }

  private void clientGone() {
    if (attempt != null) {
      attempt.cancel();
    }
    release();
    over(ChatCompletion.Ending.CLIENT_LEFT, null);
  }

  private void over(ChatCompletion.Ending ending, AttemptFailure failure) {
    if (mode != Mode.OVER) {
      mode = Mode.OVER;
      call.attemptEnded(new AttemptResult(model, upstreamStatus(), upstreamHeaders(), new byte[0],
          observer.summary(), Optional.ofNullable(failure)));
      call.finished(ending, upstreamStatus(), observer.summary(), failure);
    }
  }

  /**
   * Asks whether a failure before anything reached the client goes to the client. When it does
   * not, this attempt is over quietly: its buffers are released and another attempt
   * answers the client.
   */
  private boolean relayed(AttemptResult failed) {
    if (call.relay(failed)) {
      return true;
    }
    mode = Mode.OVER;
    release();
    if (attempt != null) {
      attempt.cancel(); // a stream whose first event was an error may still be sending
    }
    return false;
  }

  private AttemptResult failedStream() {
    return new AttemptResult(model, 200, upstreamHeaders(), new byte[0], observer.summary(), Optional.empty());
  }

  private int upstreamStatus() {
    return upstreamHead == null ? 0 : upstreamHead.status().code();
  }

  private ResponseHeaders upstreamHeaders() {
    if (upstreamHead == null) {
      return ResponseHeaders.none();
    }
    HttpHeaders headers = upstreamHead.headers();
    return headers::get;
  }

  private void release() {
    if (held != null) {
      held.release();
      held = null;
    }
  }

  private static boolean isEventStream(HttpResponse head) {
    String type = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
    return type != null && type.regionMatches(true, 0, "text/event-stream", 0, "text/event-stream".length());
  }
}
