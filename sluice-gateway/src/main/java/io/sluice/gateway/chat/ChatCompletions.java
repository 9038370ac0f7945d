package io.sluice.gateway.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.gateway.Timers;
import io.sluice.gateway.auth.ClientKey;
import io.sluice.gateway.config.GatewayConfig;
import io.sluice.gateway.server.ApiError;
import io.sluice.gateway.server.Endpoint;
import io.sluice.gateway.server.Exchange;
import io.sluice.gateway.upstream.UpstreamClient;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/v1/chat/completions} and {@code POST /v1/chat/completions}: checks the body,
 * resolves a route alias to its candidate models, and hands the request to a {@link ChatCall}.
 */
public final class ChatCompletions implements Endpoint {

  private final GatewayConfig config;
  private final ChatCall.Collaborators collaborators;
  private final AccessLog accessLog = new AccessLog();

  public ChatCompletions(GatewayConfig config, UpstreamClient upstream, InstantSource clock, Timers timers) {
    this(config, new ChatCall.Collaborators(upstream, new Pacing(config.pacing()),
        new Resilience(config.retries(), clock), clock, timers));
  }

  ChatCompletions(GatewayConfig config, ChatCall.Collaborators collaborators) {
    this.config = config;
    this.collaborators = collaborators;
  }

  @Override
  public void handle(Exchange exchange) {
    ByteBuf content = exchange.request().content();
    String contentType = exchange.request().headers().get(HttpHeaderNames.CONTENT_TYPE);
    if (!isJson(contentType)) {
      exchange.fail(new ApiError(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
          "Send the request as JSON with 'Content-Type: application/json'"
              + (contentType == null ? "" : " (it was '" + contentType + "')")));
      return;
    }
    ChatRequest request;
    try {
      request = ChatRequest.parse(ByteBufUtil.getBytes(content));
    } catch (ChatRequest.InvalidRequestException e) {
      exchange.fail(ApiError.badRequest(e.getMessage()));
      return;
    }
    Optional<String> alias = request.model().filter(model -> config.route(model).isPresent());
    List<String> candidates = alias.map(name -> config.route(name).orElseThrow().models())
        .orElse(List.of(request.model().orElse("")));
    ClientKey key = exchange.clientKey().orElseThrow();
    ChatContext context = new ChatContext(
        exchange.requestId(), key, alias, request.model(), request.stream(), exchange.startNanos());
    new ChatCall(exchange, context, request, candidates, content.retain(), collaborators, accessLog::record).start();
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int end = contentType.indexOf(';');
    String mediaType = (end < 0 ? contentType : contentType.substring(0, end)).strip();
    return mediaType.equalsIgnoreCase("application/json");
  }
}
