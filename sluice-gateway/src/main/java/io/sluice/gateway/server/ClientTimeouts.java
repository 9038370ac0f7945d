package io.sluice.gateway.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.gateway.Timers;
import io.sluice.gateway.config.ServerConfig;
import java.time.Duration;

/**
 * Frees connections that clients hold without using them: one idle between requests longer than
 * {@code idle-timeout} is closed; one that starts a request and does not finish sending it within
 * {@code request-read-timeout} gets 408 and is closed. While a request is being answered neither
 * applies (a long stream is not idleness). Sits first in the pipeline to see every byte read.
 */
final class ClientTimeouts extends ChannelDuplexHandler {

  private enum State { IDLE, READING, ANSWERING }

  private final Timers timers;
  private final Duration idleTimeout;
  private final Duration readTimeout;
  private ChannelHandlerContext ctx;
  private State state = State.IDLE;
  private Timers.Cancellable timer;

  ClientTimeouts(Timers timers, ServerConfig config) {
    this.timers = timers;
    this.idleTimeout = config.idleTimeout();
    this.readTimeout = config.requestReadTimeout();
  }

  static ClientTimeouts of(ChannelHandlerContext anyContext) {
    return anyContext.pipeline().get(ClientTimeouts.class);
  }

  @Override
  public void channelActive(ChannelHandlerContext context) {
    ctx = context;
    idle();
    context.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object msg) {
    if (state == State.IDLE) {
      state = State.READING;
      restart(readTimeout, this::readTimedOut);
    }
    context.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    cancel();
    context.fireChannelInactive();
  }

  /** A whole request arrived and is being answered. */
  void requestReceived() {
    state = State.ANSWERING;
    cancel();
  }

  /** The answer is written; the connection waits for the next request. */
  void responded() {
    idle();
  }

  private void idle() {
    state = State.IDLE;
    restart(idleTimeout, () -> {
      if (state == State.IDLE) {
        ctx.close();
      }
    });
  }

  private void readTimedOut() {
    if (state == State.READING) {
      state = State.ANSWERING;
      RequestHandler.sendAndClose(ctx.pipeline().lastContext(), new ApiError(HttpResponseStatus.REQUEST_TIMEOUT,
          "request_timeout", "The request was not received in full within " + readTimeout.toSeconds()
              + "s; send the whole request promptly"));
    }
  }

  private void restart(Duration delay, Runnable task) {
    cancel();
    timer = timers.schedule(ctx.executor(), delay, task);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }
}
