package io.sluice.gateway.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.sluice.gateway.auth.ClientKey;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One request and its response, as an endpoint sees it. A response is either whole
 * ({@link #respond}, {@link #fail}) or streamed ({@link #startStream}, {@link #write},
 * {@link #end}); {@link #abort()} cuts a streamed one so that the client cannot take it for
 * complete. Every method must be called on the connection's event loop.
 */
public final class Exchange {

  private final ChannelHandlerContext ctx;
  private final FullHttpRequest request;
  private final String requestId;
  private final ClientKey clientKey;
  private final long startNanos;
  private final RequestHandler owner;
  private final boolean keepAlive;

  private boolean committed;
  private boolean finished;
  private Runnable onClientGone = () -> {};
  private Consumer<Boolean> onWritability = writable -> {};

  Exchange(ChannelHandlerContext ctx, FullHttpRequest request, String requestId, ClientKey clientKey,
      long startNanos, RequestHandler owner) {
    this.ctx = ctx;
    this.request = request;
    this.requestId = requestId;
    this.clientKey = clientKey;
    this.startNanos = startNanos;
    this.owner = owner;
    this.keepAlive = HttpUtil.isKeepAlive(request);
  }

  public FullHttpRequest request() {
    return request;
  }

  /** The id Sluice gave this request, also sent back as {@code X-Sluice-Request-Id}. */
  public String requestId() {
    return requestId;
  }

  /** The caller's key, on endpoints open to clients. */
  public Optional<ClientKey> clientKey() {
    return Optional.ofNullable(clientKey);
  }

  /** When the request was complete, on the gateway's {@link io.sluice.gateway.Timers} clock. */
  public long startNanos() {
    return startNanos;
  }

  public EventLoop eventLoop() {
    return ctx.channel().eventLoop();
  }

  public ByteBufAllocator alloc() {
    return ctx.alloc();
  }

  /** Whether the head of the response has been sent. */
  public boolean isCommitted() {
    return committed;
  }

  /** Whether the response is over (ended, failed, aborted, or the client left). */
  public boolean isFinished() {
    return finished;
  }

  public boolean isWritable() {
    return ctx.channel().isWritable();
  }

  /** Runs {@code action} if the client disconnects before the response is over. */
  public void onClientGone(Runnable action) {
    onClientGone = action;
  }

  /** Tells {@code listener} when the client's connection stops or starts accepting writes. */
  public void onWritabilityChanged(Consumer<Boolean> listener) {
    onWritability = listener;
  }

  /** Sends a whole response. */
  public void respond(HttpResponseStatus status, CharSequence contentType, byte[] body, HttpHeaders extra) {
    if (!begin()) {
      return;
    }
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response.headers().add(extra);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    HttpUtil.setContentLength(response, body.length);
    finishWith(decorate(response));
  }

  public void respondJson(HttpResponseStatus status, byte[] json) {
    respond(status, HttpHeaderValues.APPLICATION_JSON, json, EmptyHttpHeaders.INSTANCE);
  }

  /** Answers with {@code error} as JSON; after the head was sent, {@link #abort() aborts} instead. */
  public void fail(ApiError error) {
    if (committed) {
      abort();
      return;
    }
    HttpHeaders headers = new DefaultHttpHeaders();
    error.headers().forEach(headers::set);
    respond(error.status(), HttpHeaderValues.APPLICATION_JSON, error.body(), headers);
  }

  /** Sends the head of a streamed response; without a {@code Content-Length} it is sent chunked. */
  public void startStream(HttpResponse head) {
    if (!begin()) {
      return;
    }
    if (!HttpUtil.isContentLengthSet(head)) {
      HttpUtil.setTransferEncodingChunked(head, true);
    }
    ctx.write(decorate(head), ctx.voidPromise());
  }

  /** Queues a piece of the body; {@link #flush()} sends what is queued. Takes ownership of {@code piece}. */
  public void write(ByteBuf piece) {
    if (finished || !committed) {
      piece.release();
      return;
    }
    ctx.write(new DefaultHttpContent(piece), ctx.voidPromise());
  }

  public void flush() {
    if (!finished) {
      ctx.flush();
    }
  }

  /** Ends a streamed response, after a last piece if given. */
  public void end(ByteBuf lastPiece) {
    if (finished || !committed) {
      if (lastPiece != null) {
        lastPiece.release();
      }
      return;
    }
    LastHttpContent last = lastPiece == null ? new DefaultLastHttpContent() : new DefaultLastHttpContent(lastPiece);
    finishWith(last);
  }

  /**
   * Cuts the response: the connection is closed without the end of the body, which clients read
   * as an error rather than a complete answer.
   */
  public void abort() {
    if (finished) {
      return;
    }
    markFinished();
    committed = true;
    ctx.flush();
    ctx.close();
  }

  // From the connection

  void clientGone() {
    if (!finished) {
      markFinished();
      onClientGone.run();
    }
  }

  void writabilityChanged(boolean writable) {
    if (!finished) {
      onWritability.accept(writable);
    }
  }

  boolean keepAlive() {
    return keepAlive;
  }

  private boolean begin() {
    if (committed || finished) {
      return false;
    }
    committed = true;
    return true;
  }

  private <T extends HttpResponse> T decorate(T response) {
    response.headers().set(Headers.REQUEST_ID, requestId);
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    return response;
  }

  /** The request's body is released here: an endpoint that keeps it longer retains it. */
  private void markFinished() {
    finished = true;
    request.release();
  }

  private void finishWith(Object last) {
    markFinished();
    var written = ctx.writeAndFlush(last);
    if (keepAlive) {
      owner.completed(this);
    } else {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
