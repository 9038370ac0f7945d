package io.sluice.gateway.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.engine.RequestPlan;
import io.sluice.engine.RequestSpec;
import io.sluice.engine.TrafficEngine;
import io.sluice.engine.route.RequestNeeds;
import io.sluice.engine.route.RoutePolicy;
import io.sluice.gateway.Timers;
import io.sluice.gateway.auth.ClientKey;
import io.sluice.gateway.config.GatewayConfig;
import io.sluice.gateway.server.ApiError;
import io.sluice.gateway.server.Endpoint;
import io.sluice.gateway.server.Exchange;
import io.sluice.gateway.server.Headers;
import io.sluice.gateway.upstream.UpstreamClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/v1/chat/completions} and {@code POST /v1/chat/completions}: checks the body,
 * resolves a route alias to its candidate models, and hands the request to a {@link ChatCall}.
 */
public final class ChatCompletions implements Endpoint {

  private final GatewayConfig config;
  private final TrafficEngine engine;
  private final ChatCall.Collaborators collaborators;
  private final AccessLog accessLog = new AccessLog();

  public ChatCompletions(GatewayConfig config, TrafficEngine engine, UpstreamClient upstream, InstantSource clock,
      Timers timers) {
    this.config = config;
    this.engine = engine;
    this.collaborators = new ChatCall.Collaborators(upstream, clock, timers,
        new WaitingLines(config.pacing().maxQueued(), config.pacing().maxWait(), engine::freeModelTurn, timers, clock));
  }

  /** Requests waiting in line for a shared capacity. */
  public int requestsWaiting() {
    return collaborators.lines().waiting();
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
    RequestPlan plan;
    try {
      plan = plan(request, alias, deadline(exchange.request().headers().get(Headers.DEADLINE_MS)));
    } catch (IllegalArgumentException e) { // a bad deadline, or a models list over OpenRouter's cap
      exchange.fail(ApiError.badRequest(e.getMessage()));
      return;
    }
    ClientKey key = exchange.clientKey().orElseThrow();
    ChatContext context = new ChatContext(
        exchange.requestId(), key, alias, request.model(), request.stream(), exchange.startNanos());
    new ChatCall(exchange, context, request, plan, content.retain(), collaborators, accessLog::record).start();
  }

  /** The engine's plan over the route's candidates (or the one model), or null for a body without a model. */
  private RequestPlan plan(ChatRequest request, Optional<String> alias, Duration deadline) {
    if (request.model().isEmpty()) {
      return null;
    }
    List<String> candidates = alias.map(name -> config.route(name).orElseThrow().models())
        .orElse(List.of(request.model().get()));
    ChatRequest.Needs needs = request.needs();
    RequestNeeds engineNeeds = new RequestNeeds(RequestNeeds.estimateTokens(request.body().length), needs.maxTokens(),
        needs.usesTools(), needs.structuredOutput(), needs.clientModels());
    Instant now = collaborators.clock().instant();
    return engine.plan(RequestSpec.route(RoutePolicy.of(candidates), engineNeeds, now)
        .withDeadline(deadline));
  }

  /** The configured deadline, or the client's own when it is shorter. */
  private Duration deadline(String clientMillis) {
    Duration configured = config.retries().deadline();
    if (clientMillis == null) {
      return configured;
    }
    long millis;
    try {
      millis = Long.parseLong(clientMillis.strip());
    } catch (NumberFormatException e) {
      millis = 0;
    }
    if (millis <= 0) {
      throw new IllegalArgumentException(Headers.DEADLINE_MS + " must be a whole number of milliseconds above 0, was '"
          + clientMillis + "'");
    }
    Duration asked = Duration.ofMillis(millis);
    return asked.compareTo(configured) < 0 ? asked : configured;
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
