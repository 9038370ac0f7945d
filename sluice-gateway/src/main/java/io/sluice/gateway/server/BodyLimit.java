package io.sluice.gateway.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;

/**
 * Gathers a request's body, refusing one larger than the limit with a JSON 413 (Netty's own
 * answer has an empty body), including when the client announced it with {@code Expect: 100-continue}.
 */
final class BodyLimit extends HttpObjectAggregator {

  private final int maxBytes;

  BodyLimit(int maxBytes) {
    super(maxBytes);
    this.maxBytes = maxBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    if (oversized instanceof HttpRequest) {
      RequestHandler.sendAndClose(ctx, tooLarge());
    } else {
      ctx.close();
    }
  }

  @Override
  protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
    if (answer instanceof FullHttpResponse response
        && response.status().code() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()) {
      ReferenceCountUtil.release(answer);
      return null; // no interim answer: the length check that follows calls handleOversizedMessage

    }
    return answer;
  }

  private ApiError tooLarge() {
    return new ApiError(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request_too_large",
        "The request body is larger than this gateway accepts (" + maxBytes + " bytes; see server.max-request-body-bytes)");
  }
}
