package io.sluice.gateway.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponse;

/**
 * What one upstream attempt reports, always on the event loop it was started from, in this order:
 * {@link #onHead}, then any number of {@link #onContent} (each read ends with
 * {@link #onReadComplete}), then exactly one of {@link #onEnd} or {@link #onFailure}. A failure may
 * also come first, before any head. Nothing is reported after the attempt is cancelled.
 */
public interface AttemptListener {

  /** The status line and headers. */
  void onHead(HttpResponse head);

  /** A piece of the body; the listener owns it and must release it. */
  void onContent(ByteBuf content);

  /** The end of one read from the connection: a good moment to flush what was relayed. */
  void onReadComplete();

  /** The body is complete. */
  void onEnd();

  /** The attempt failed and is over; its connection is closed. */
  void onFailure(AttemptFailure failure);
}
