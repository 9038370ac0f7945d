package io.sluice.gateway.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.sluice.gateway.Timers;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client connection: routes each complete request to its endpoint, one at a
 * time. Pipelined requests wait their turn; a client that pipelines too many is disconnected.
 */
final class RequestHandler extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);
  private static final int MAX_PIPELINED = 16;

  private final RouteTable routes;
  private final Gatekeeper gatekeeper;
  private final RequestIds ids;
  private final Timers timers;
  private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private Exchange current;

  RequestHandler(RouteTable routes, Gatekeeper gatekeeper, RequestIds ids, Timers timers) {
    this.routes = routes;
    this.gatekeeper = gatekeeper;
    this.ids = ids;
    this.timers = timers;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    ctx = context;
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (current == null) {
      handle(request);
    } else if (waiting.size() < MAX_PIPELINED) {
      waiting.add(request);
    } else {
      request.release();
      context.close();
    }
  }

  /** Called by {@code exchange} once its whole response is written on a keep-alive connection. */
  void completed(Exchange exchange) {
    if (exchange != current) {
      return;
    }
    current = null;
    FullHttpRequest next = waiting.poll();
    if (next != null) {
      ctx.channel().eventLoop().execute(() -> handle(next)); // after the current write, not inside it
    } else {
      ClientTimeouts.of(ctx).responded();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    if (current != null) {
      current.clientGone();
      current = null;
    }
    waiting.forEach(FullHttpRequest::release);
    waiting.clear();
    context.fireChannelInactive();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext context) {
    if (current != null) {
      current.writabilityChanged(context.channel().isWritable());
    }
    context.fireChannelWritabilityChanged();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    log.debug("closing a client connection after an error", cause);
    context.close();
  }

  private void handle(FullHttpRequest request) {
    if (!ctx.channel().isActive()) {
      request.release();
      return;
    }
    ClientTimeouts.of(ctx).requestReceived();
    if (request.decoderResult().isFailure()) {
      refuseMalformed(request);
      return;
    }
    switch (routes.find(request.method(), request.uri())) {
      case RouteTable.NoSuchPath none -> refuse(request, new ApiError(HttpResponseStatus.NOT_FOUND, "not_found",
          "No such endpoint: " + request.method() + " " + RouteTable.pathOf(request.uri())));
      case RouteTable.WrongMethod wrong -> refuse(request, wrongMethod(request, wrong));
      case RouteTable.Found found -> admit(request, found.binding());
    }
  }

  private void admit(FullHttpRequest request, RouteTable.Binding binding) {
    Gatekeeper.Verdict verdict = gatekeeper.check(binding.access(), request.headers());
    if (verdict instanceof Gatekeeper.Refused refused) {
      refuse(request, refused.error());
      return;
    }
    var key = verdict instanceof Gatekeeper.Client client ? client.key() : null;
    current = new Exchange(ctx, request, ids.next(), key, timers.nanoTime(), this);
    try {
      binding.endpoint().handle(current);
    } catch (RuntimeException e) {
      log.error("request {} failed inside Sluice", current.requestId(), e);
      current.fail(new ApiError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error",
          "Sluice failed to handle the request (request id " + current.requestId() + ")"));
    }
  }

  private void refuse(FullHttpRequest request, ApiError error) {
    current = new Exchange(ctx, request, ids.next(), null, timers.nanoTime(), this);
    current.fail(error);
  }

  private static ApiError wrongMethod(FullHttpRequest request, RouteTable.WrongMethod wrong) {
    String allowed = wrong.allowed().stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
    return new ApiError(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
        request.method() + " is not allowed on " + RouteTable.pathOf(request.uri()) + "; use " + allowed,
        Map.of(HttpHeaderNames.ALLOW.toString(), allowed));
  }

  /** Bad HTTP: answered, then the connection is closed, since the stream cannot be trusted. */
  private void refuseMalformed(FullHttpRequest request) {
    Throwable cause = request.decoderResult().cause();
    ApiError error = switch (cause) {
      case TooLongHttpLineException e -> new ApiError(HttpResponseStatus.REQUEST_URI_TOO_LONG, "uri_too_long",
          "The request line is too long");
      case TooLongHttpHeaderException e -> new ApiError(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
          "headers_too_large", "The request headers are too large");
      case TooLongFrameException e -> ApiError.badRequest("A part of the request is too long");
      default -> ApiError.badRequest("Malformed HTTP request");
    };
    request.release();
    sendAndClose(ctx, error);
  }

  /** A whole error response, then the connection closes; used outside any exchange. */
  static void sendAndClose(ChannelHandlerContext ctx, ApiError error) {
    byte[] body = error.body();
    FullHttpResponse response = new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1, error.status(), Unpooled.wrappedBuffer(body));
    error.headers().forEach(response.headers()::set);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    HttpUtil.setContentLength(response, body.length);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
