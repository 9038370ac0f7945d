package io.sluice.gateway.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;

/**
 * One request to send upstream.
 *
 * @param method GET or POST
 * @param path the path under the upstream's base URL, such as {@code /chat/completions}
 * @param body the JSON body, or an empty buffer; the client takes ownership and releases it
 * @param streaming whether the caller asked for an SSE stream (sets {@code Accept})
 */
public record UpstreamRequest(HttpMethod method, String path, ByteBuf body, boolean streaming) {

  public static UpstreamRequest get(String path) {
    return new UpstreamRequest(HttpMethod.GET, path, Unpooled.EMPTY_BUFFER, false);
  }

  public static UpstreamRequest post(String path, ByteBuf json, boolean streaming) {
    return new UpstreamRequest(HttpMethod.POST, path, json, streaming);
  }
}
