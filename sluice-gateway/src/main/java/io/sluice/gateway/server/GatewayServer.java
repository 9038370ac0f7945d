package io.sluice.gateway.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.sluice.gateway.Timers;
import io.sluice.gateway.auth.ClientKeys;
import io.sluice.gateway.config.GatewayConfig;
import io.sluice.gateway.config.ServerConfig;
import java.net.InetSocketAddress;

/** The listening socket and the pipeline of every client connection. */
public final class GatewayServer implements AutoCloseable {

  private static final int MAX_INITIAL_LINE = 8 * 1024;
  private static final int MAX_HEADERS = 32 * 1024;

  private final Channel listener;

  private GatewayServer(Channel listener) {
    this.listener = listener;
  }

  /** Binds to the configured address and serves {@code routes} on {@code workers}. */
  public static GatewayServer start(GatewayConfig config, RouteTable routes, EventLoopGroup boss,
      EventLoopGroup workers, Timers timers) throws InterruptedException {
    ServerConfig server = config.server();
    Gatekeeper gatekeeper = new Gatekeeper(ClientKeys.of(config.clientKeys()), config.admin().masterKeyHash());
    RequestIds ids = new RequestIds();
    int maxBody = (int) Math.min(Integer.MAX_VALUE - 8, server.maxRequestBodyBytes());
    Channel listener = new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(
                new ClientTimeouts(timers, server),
                new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, 64 * 1024),
                new BodyLimit(maxBody),
                new RequestHandler(routes, gatekeeper, ids, timers));
          }
        })
        .bind(server.host(), server.port()).sync().channel();
    return new GatewayServer(listener);
  }

  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** Stops accepting connections; those open are closed with their event loops. */
  @Override
  public void close() {
    listener.close().syncUninterruptibly();
  }
}
