package io.sluice.bench.stack;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Candidate 4: Netty 4.1 server + Netty client, an event-loop proxy (no blocking anywhere).
 *
 * <p>Each event loop has its own pool of keep-alive upstream connections, so a downstream
 * connection and the upstream connection serving it share a thread. Response pieces are written
 * as they are decoded and flushed at the end of every upstream read. Upstream reads pause while
 * the client is not writable. A client that closes its connection closes the upstream one.
 * HTTP/1.1 pipelining is not supported (one request in flight per client connection).
 */
public final class NettyProxy {
  private static final int MAX_IDLE_PER_LOOP = 256;

  public static void main(String[] args) throws Exception {
    Proxy proxy = Proxy.parse("netty", args);
    EventLoopGroup boss = new NioEventLoopGroup(1);
    EventLoopGroup workers = new NioEventLoopGroup(); // 2 x cores
    String host = proxy.upstream.getHost();
    int port = proxy.upstream.getPort() < 0 ? 80 : proxy.upstream.getPort();
    String hostHeader = host + ":" + port;
    String basePath = proxy.upstream.getRawPath() == null ? "" : proxy.upstream.getRawPath();

    FastThreadLocal<Pool> pools = new FastThreadLocal<>() {
      @Override
      protected Pool initialValue() {
        return null; // set on first use, from the loop itself
      }
    };

    new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8 << 20),
                new Front(pools, host, port, hostHeader, basePath));
          }
        })
        .bind("127.0.0.1", proxy.port).sync();
    Proxy.ready("netty", proxy);
  }

  /** Idle keep-alive upstream connections of one event loop; touched only from that loop. */
  private static final class Pool {
    final ArrayDeque<Channel> idle = new ArrayDeque<>();
    final Bootstrap bootstrap;

    Pool(EventLoop loop, String host, int port) {
      bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true)
          .remoteAddress(host, port)
          .handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new HttpClientCodec(), new Back(Pool.this));
            }
          });
    }

    /** An open idle connection, or null when a new one must be connected. */
    Channel poll() {
      Channel ch;
      while ((ch = idle.pollLast()) != null) {
        if (ch.isActive()) {
          return ch;
        }
      }
      return null;
    }

    void release(Channel ch) {
      if (ch.isActive() && idle.size() < MAX_IDLE_PER_LOOP) {
        idle.addLast(ch);
      } else {
        ch.close();
      }
    }
  }

  /** Downstream side: one per client connection. */
  private static final class Front extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final FastThreadLocal<Pool> pools;
    private final String host;
    private final int port;
    private final String hostHeader;
    private final String basePath;
    private Channel upstream; // the connection serving the request in flight, if any

    Front(FastThreadLocal<Pool> pools, String host, int port, String hostHeader, String basePath) {
      this.pools = pools;
      this.host = host;
      this.port = port;
      this.hostHeader = hostHeader;
      this.basePath = basePath;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      Pool pool = pools.get();
      if (pool == null) {
        pool = new Pool(ctx.channel().eventLoop(), host, port);
        pools.set(pool);
      }
      DefaultFullHttpRequest up = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
          basePath + req.uri(), req.content().retain());
      up.headers()
          .set(HttpHeaderNames.HOST, hostHeader)
          .set(HttpHeaderNames.AUTHORIZATION, Proxy.AUTHORIZATION)
          .set(HttpHeaderNames.CONTENT_TYPE, req.headers().get(HttpHeaderNames.CONTENT_TYPE, "application/json"))
          .setInt(HttpHeaderNames.CONTENT_LENGTH, up.content().readableBytes());
      String accept = req.headers().get(HttpHeaderNames.ACCEPT);
      if (accept != null) {
        up.headers().set(HttpHeaderNames.ACCEPT, accept);
      }
      boolean keepAlive = HttpUtil.isKeepAlive(req);
      Channel pooled = pool.poll();
      if (pooled != null) {
        send(ctx, pooled, up, keepAlive);
      } else {
        pool.bootstrap.connect().addListener((ChannelFutureListener) f -> {
          if (f.isSuccess()) {
            send(ctx, f.channel(), up, keepAlive);
          } else {
            up.release();
            badGateway(ctx, f.cause());
          }
        });
      }
    }

    private void send(ChannelHandlerContext ctx, Channel up, DefaultFullHttpRequest request, boolean keepAlive) {
      if (!ctx.channel().isActive()) { // the client left while we connected
        request.release();
        up.close();
        return;
      }
      upstream = up;
      up.pipeline().get(Back.class).start(ctx, this, keepAlive);
      up.writeAndFlush(request).addListener((ChannelFutureListener) f -> {
        if (!f.isSuccess()) {
          f.channel().close();
        }
      });
    }

    void done() {
      upstream = null;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (upstream != null) { // cancel: the upstream connection cannot be reused mid-response
        upstream.close();
        upstream = null;
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (upstream != null) {
        upstream.config().setAutoRead(ctx.channel().isWritable());
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }

    private static void badGateway(ChannelHandlerContext ctx, Throwable cause) {
      System.err.println("netty: 502 upstream failure: " + cause); // error path only
      FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_GATEWAY,
          ctx.alloc().buffer().writeBytes(("upstream: " + cause).getBytes(StandardCharsets.UTF_8)));
      HttpUtil.setContentLength(res, res.content().readableBytes());
      ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Upstream side: one per upstream connection; relays the response of whichever request it carries. */
  private static final class Back extends ChannelInboundHandlerAdapter {
    private final Pool pool;
    private ChannelHandlerContext client; // null between requests
    private Front front;
    private boolean clientKeepAlive;
    private boolean upstreamKeepAlive;

    Back(Pool pool) {
      this.pool = pool;
    }

    void start(ChannelHandlerContext client, Front front, boolean keepAlive) {
      this.client = client;
      this.front = front;
      this.clientKeepAlive = keepAlive;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (client == null) { // nothing asked for this
        io.netty.util.ReferenceCountUtil.release(msg);
        ctx.close();
        return;
      }
      if (msg instanceof HttpResponse r) {
        upstreamKeepAlive = HttpUtil.isKeepAlive(r);
        HttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, r.status());
        String type = r.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (type != null) {
          out.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        }
        String length = r.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null) {
          out.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        } else {
          out.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        if (!clientKeepAlive) {
          out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        client.write(out, client.voidPromise());
      }
      if (msg instanceof HttpContent c) {
        boolean last = c instanceof LastHttpContent;
        ChannelHandlerContext to = client;
        if (last) {
          ChannelFuture written = to.writeAndFlush(c);
          if (!clientKeepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
          }
          client = null;
          front.done();
          front = null;
          ctx.channel().config().setAutoRead(true);
          if (upstreamKeepAlive) {
            pool.release(ctx.channel());
          } else {
            ctx.close();
          }
        } else {
          to.write(c, to.voidPromise());
          if (!to.channel().isWritable()) {
            ctx.channel().config().setAutoRead(false);
          }
        }
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      if (client != null) {
        client.flush(); // every piece read from the upstream goes out now
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (client != null) { // upstream broke mid-response: the client cannot get a whole one
        client.close();
        client = null;
        front.done();
        front = null;
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
