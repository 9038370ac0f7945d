package io.sluice.gateway.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.sluice.gateway.config.UpstreamTimeouts;
import java.util.ArrayDeque;

/** The keep-alive upstream connections of one event loop. Touched only from that loop. */
final class ConnectionPool {

  /** Idle connections kept beyond this many are closed: enough for a burst, bounded in memory. */
  private static final int MAX_IDLE = 256;

  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final ArrayDeque<Channel> idle = new ArrayDeque<>();
  private final boolean secure;
  private boolean closed;

  ConnectionPool(EventLoop loop, UpstreamClient.Target target, SslContext ssl, UpstreamTimeouts timeouts) {
    this.loop = loop;
    this.secure = ssl != null;
    this.bootstrap = new Bootstrap()
        .group(loop)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeouts.connect().toMillis()))
        .remoteAddress(target.host(), target.port())
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (ssl != null) {
              ch.pipeline().addLast(ssl.newHandler(ch.alloc(), target.host(), target.port()));
            }
            ch.pipeline().addLast(new HttpClientCodec(), new UpstreamConnection(ConnectionPool.this));
          }
        });
  }

  EventLoop loop() {
    return loop;
  }

  boolean secure() {
    return secure;
  }

  /** An open idle connection, most recently used first (the least likely to have been closed), or null. */
  Channel pollIdle() {
    Channel ch;
    while ((ch = idle.pollLast()) != null) {
      if (ch.isActive()) {
        return ch;
      }
    }
    return null;
  }

  ChannelFuture connect() {
    return bootstrap.connect();
  }

  void release(Channel ch) {
    if (!closed && ch.isActive() && idle.size() < MAX_IDLE) {
      idle.addLast(ch);
    } else {
      ch.close();
    }
  }

  /** An idle connection the upstream closed. */
  void forget(Channel ch) {
    idle.remove(ch);
  }

  void close() {
    closed = true;
    idle.forEach(Channel::close);
    idle.clear();
  }
}
