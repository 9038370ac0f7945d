package io.sluice.gateway.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.sluice.gateway.Timers;
import io.sluice.gateway.config.UpstreamTimeouts;
import io.sluice.gateway.upstream.AttemptFailure.Kind;
import java.io.IOException;
import java.time.Duration;

/**
 * One attempt's state machine, run on one event loop: get a connection, send, relay the response,
 * watch the timeouts. Every path ends in {@link #finish()}, {@link #fail} or {@link #cancel()},
 * which close or pool the connection and release the request.
 */
final class AttemptRun implements Attempt {

  private enum State { CONNECTING, AWAITING_HEAD, RECEIVING, OVER }

  private final ConnectionPool pool;
  private final Timers timers;
  private final UpstreamTimeouts timeouts;
  private final FullHttpRequest request;
  private final AttemptListener listener;

  private State state = State.CONNECTING;
  private ChannelFuture connecting;
  private Channel channel;
  private boolean reused;
  private boolean retriedStale;
  private boolean keepAlive;
  private long lastReadNanos;
  private Timers.Cancellable totalTimer;
  private Timers.Cancellable phaseTimer;

  AttemptRun(ConnectionPool pool, Timers timers, UpstreamTimeouts timeouts, FullHttpRequest request, AttemptListener listener) {
    this.pool = pool;
    this.timers = timers;
    this.timeouts = timeouts;
    this.request = request;
    this.listener = listener;
  }

  void start() {
    totalTimer = schedule(timeouts.total(), () -> timedOut(Kind.TOTAL_TIMEOUT, "attempt", timeouts.total()));
    Channel idle = pool.pollIdle();
    if (idle != null) {
      send(idle, true);
    } else {
      connect();
    }
  }

  @Override
  public void cancel() {
    if (state != State.OVER) {
      end();
      close();
    }
  }

  @Override
  public void setReading(boolean reading) {
    if (channel != null && state != State.OVER) {
      channel.config().setAutoRead(reading);
    }
  }

  // Connection

  private void connect() {
    state = State.CONNECTING;
    phaseTimer = schedule(timeouts.connect(), () -> timedOut(Kind.CONNECT_TIMEOUT, "connect", timeouts.connect()));
    connecting = pool.connect();
    connecting.addListener((ChannelFuture f) -> connected(f));
  }

  private void connected(ChannelFuture f) {
    connecting = null;
    if (state == State.OVER) {
      f.channel().close();
    } else if (!f.isSuccess()) {
      Kind kind = f.cause() instanceof ConnectTimeoutException ? Kind.CONNECT_TIMEOUT : Kind.CONNECT;
      fail(kind, "could not connect to the upstream: " + describe(f.cause()));
    } else if (pool.secure()) {
      f.channel().pipeline().get(SslHandler.class).handshakeFuture().addListener(h -> {
        if (state == State.OVER) {
          f.channel().close();
        } else if (h.isSuccess()) {
          send(f.channel(), false);
        } else {
          fail(Kind.CONNECT, "TLS handshake with the upstream failed: " + describe(h.cause()));
        }
      });
    } else {
      send(f.channel(), false);
    }
  }

  private void send(Channel ch, boolean pooled) {
    cancelPhaseTimer();
    channel = ch;
    reused = pooled;
    state = State.AWAITING_HEAD;
    ch.pipeline().get(UpstreamConnection.class).carry(this);
    ch.config().setAutoRead(true);
    phaseTimer = schedule(timeouts.firstByte(), () -> timedOut(Kind.FIRST_BYTE_TIMEOUT, "first byte", timeouts.firstByte()));
    ch.writeAndFlush(request.retainedDuplicate()).addListener((ChannelFuture f) -> {
      if (!f.isSuccess() && f.channel() == channel && state == State.AWAITING_HEAD) {
        unsent();
      }
    });
  }

  // Events from the connection

  void onMessage(HttpObject msg) {
    if (state == State.OVER) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg.decoderResult().isFailure()) {
      ReferenceCountUtil.release(msg);
      fail(Kind.PROTOCOL, "the upstream sent invalid HTTP: " + describe(msg.decoderResult().cause()));
      return;
    }
    lastReadNanos = timers.nanoTime();
    if (msg instanceof HttpResponse head && !onHead(head)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpContent content) {
      onContent(content);
    }
  }

  /** False for an interim 1xx response, which is skipped. */
  private boolean onHead(HttpResponse head) {
    if (head.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL
        && !head.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
      return false;
    }
    cancelPhaseTimer();
    state = State.RECEIVING;
    keepAlive = HttpUtil.isKeepAlive(head);
    phaseTimer = schedule(timeouts.idleGap(), this::checkIdle);
    listener.onHead(head);
    return true;
  }

  private void onContent(HttpContent content) {
    if (state != State.RECEIVING) { // cancelled by the listener meanwhile
      content.release();
      return;
    }
    if (content.content().isReadable()) {
      listener.onContent(content.content().retain());
    }
    boolean last = content instanceof LastHttpContent;
    content.release();
    if (last && state == State.RECEIVING) {
      finish();
    }
  }

  void onReadComplete() {
    if (state == State.RECEIVING) {
      listener.onReadComplete();
    }
  }

  void onClosed() {
    lost("closed");
  }

  void onError(Throwable cause) {
    if (cause instanceof IOException) { // a reset: seen as a read error rather than a close
      lost("reset");
    } else {
      fail(Kind.PROTOCOL, "upstream connection error: " + describe(cause));
    }
  }

  /**
   * The request could not be written. On a pooled connection the upstream had given it up, so the
   * request never reached the upstream and goes once more on a new connection. Once written, a
   * request is never sent again: the upstream may have counted it.
   */
  private void unsent() {
    if (reused && !retriedStale) {
      retriedStale = true;
      Channel stale = channel;
      stale.pipeline().get(UpstreamConnection.class).drop();
      channel = null;
      stale.close();
      connect();
    } else {
      fail(Kind.CLOSED, "the request could not be sent: the upstream closed the connection");
    }
  }

  /** The connection went away: {@code how} is "closed" or "reset". */
  private void lost(String how) {
    if (state == State.OVER) {
      return;
    }
    fail(Kind.CLOSED, state == State.RECEIVING
        ? "the upstream " + how + " the connection in the middle of the response"
        : "the upstream " + how + " the connection without answering");
  }

  // Endings

  private void finish() {
    end();
    Channel ch = channel;
    ch.pipeline().get(UpstreamConnection.class).drop();
    if (keepAlive) {
      ch.config().setAutoRead(true); // an idle connection must notice when the upstream closes it
      pool.release(ch);
    } else {
      ch.close();
    }
    listener.onEnd();
  }

  private void fail(Kind kind, String detail) {
    if (state == State.OVER) {
      return;
    }
    boolean afterHead = state == State.RECEIVING;
    end();
    close();
    listener.onFailure(new AttemptFailure(kind, afterHead, detail));
  }

  private void timedOut(Kind kind, String phase, Duration limit) {
    if (state == State.OVER) {
      return;
    }
    boolean afterHead = state == State.RECEIVING;
    end();
    close();
    listener.onFailure(AttemptFailure.timeout(kind, afterHead, phase, limit));
  }

  private void end() {
    state = State.OVER;
    cancelPhaseTimer();
    totalTimer.cancel();
    request.release();
  }

  private void close() {
    ChannelFuture pending = connecting;
    if (pending != null) { // cancelling runs its listener at once, which clears the field
      pending.cancel(false);
      pending.channel().close();
    }
    if (channel != null) {
      channel.pipeline().get(UpstreamConnection.class).drop();
      channel.close();
    }
  }

  private void checkIdle() {
    if (state != State.RECEIVING) {
      return;
    }
    long silentNanos = timers.nanoTime() - lastReadNanos;
    long limitNanos = timeouts.idleGap().toNanos();
    if (silentNanos >= limitNanos) {
      timedOut(Kind.IDLE_TIMEOUT, "idle gap between chunks", timeouts.idleGap());
    } else {
      phaseTimer = schedule(Duration.ofNanos(limitNanos - silentNanos), this::checkIdle);
    }
  }

  private void cancelPhaseTimer() {
    if (phaseTimer != null) {
      phaseTimer.cancel();
      phaseTimer = null;
    }
  }

  private Timers.Cancellable schedule(Duration delay, Runnable task) {
    return timers.schedule(pool.loop(), delay, task);
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
