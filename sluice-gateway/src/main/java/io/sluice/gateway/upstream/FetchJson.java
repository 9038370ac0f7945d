package io.sluice.gateway.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** A GET to the upstream whose whole 200 JSON body is wanted; anything else fails the future. */
public final class FetchJson implements AttemptListener {

  private static final int MAX_BYTES = 64 * 1024 * 1024;

  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final CompositeByteBuf body = Unpooled.compositeBuffer(Integer.MAX_VALUE);
  private int status;

  private FetchJson() {}

  /** GETs {@code path} from {@code loop}, which must be the calling thread's event loop. */
  public static CompletableFuture<byte[]> get(UpstreamClient upstream, EventLoop loop, String path) {
    FetchJson fetch = new FetchJson();
    upstream.send(loop, UpstreamRequest.get(path), fetch);
    return fetch.result;
  }

  @Override
  public void onHead(HttpResponse head) {
    status = head.status().code();
  }

  @Override
  public void onContent(ByteBuf content) {
    if (result.isDone()) {
      content.release();
      return;
    }
    body.addComponent(true, content);
    if (body.readableBytes() > MAX_BYTES) {
      body.release();
      result.completeExceptionally(new IOException("the upstream's answer is larger than " + MAX_BYTES + " bytes"));
    }
  }

  @Override
  public void onReadComplete() {}

  @Override
  public void onEnd() {
    if (result.isDone()) {
      return;
    }
    byte[] bytes = new byte[body.readableBytes()];
    body.readBytes(bytes);
    body.release();
    if (status == 200) {
      result.complete(bytes);
    } else {
      result.completeExceptionally(new IOException("the upstream answered HTTP " + status));
    }
  }

  @Override
  public void onFailure(AttemptFailure failure) {
    if (!result.isDone()) {
      body.release();
      result.completeExceptionally(new IOException(failure.detail()));
    }
  }
}
