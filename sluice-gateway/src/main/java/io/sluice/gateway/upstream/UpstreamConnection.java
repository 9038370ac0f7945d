package io.sluice.gateway.upstream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

/** The last handler of an upstream connection: hands what arrives to the attempt it carries, if any. */
final class UpstreamConnection extends ChannelInboundHandlerAdapter {

  private final ConnectionPool pool;
  private AttemptRun current;

  UpstreamConnection(ConnectionPool pool) {
    this.pool = pool;
  }

  void carry(AttemptRun attempt) {
    current = attempt;
  }

  void drop() {
    current = null;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (current != null && msg instanceof HttpObject http) {
      current.onMessage(http);
    } else { // nobody asked: an idle connection must not talk
      ReferenceCountUtil.release(msg);
      ctx.close();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (current != null) {
      current.onReadComplete();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (current != null) {
      current.onClosed();
    } else {
      pool.forget(ctx.channel());
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (current != null) {
      current.onError(cause);
    }
    ctx.close();
  }
}
