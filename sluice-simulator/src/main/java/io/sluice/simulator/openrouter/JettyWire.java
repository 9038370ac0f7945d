package io.sluice.simulator.openrouter;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@link Wire} over Jetty's core request and response; blocking writes on a virtual thread. */
final class JettyWire implements Wire {

  private final Request request;
  private final Response response;
  private final Callback callback;
  private boolean completed;

  JettyWire(Request request, Response response, Callback callback) {
    this.request = request;
    this.response = response;
    this.callback = callback;
  }

  @Override
  public String header(String name) {
    return request.getHeaders().get(name);
  }

  @Override
  public byte[] readBody(int maxBytes) throws IOException {
    long declared = request.getLength();
    if (declared > maxBytes) {
      throw new TooLarge();
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] body = in.readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        throw new TooLarge();
      }
      return body;
    }
  }

  @Override
  public void status(int status) {
    response.setStatus(status);
  }

  @Override
  public void header(String name, String value) {
    response.getHeaders().put(name, value);
  }

  @Override
  public void write(byte[] bytes) throws IOException {
    Callback.Completable written = new Callback.Completable();
    response.write(false, ByteBuffer.wrap(bytes), written);
    try {
      written.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing", e);
    }
  }

  @Override
  public void finish(byte[] body) {
    if (complete()) {
      response.write(true, ByteBuffer.wrap(body), callback);
    }
  }

  @Override
  public void finish() {
    if (complete()) {
      callback.succeeded();
    }
  }

  @Override
  public void abort(boolean reset) {
    if (!complete()) {
      return;
    }
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    if (reset && endPoint.getTransport() instanceof SocketChannel channel) {
      try {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
      } catch (IOException ignored) {
        // The connection is going away either way; a plain close is the fallback.
      }
    }
    endPoint.close();
    callback.failed(new IOException("connection dropped by a simulated fault"));
  }

  /** Called when the handler returns: ends a response nobody ended. */
  void completeIfOpen() {
    finish();
  }

  void fail(Throwable failure) {
    if (complete()) {
      callback.failed(failure);
    }
  }

  private boolean complete() {
    if (completed) {
      return false;
    }
    completed = true;
    return true;
  }
}
