package io.sluice.simulator.openrouter;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/** {@link Wire} over Jetty's core request and response; blocking writes on a virtual thread. */
final class JettyWire implements Wire {

  private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

  private final Request request;
  private final Response response;
  private final Callback callback;
  private boolean completed;
  private boolean bodyRead;

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
    try (InputStream in = Content.Source.asInputStream(request)) {
      if (request.getLength() > maxBytes) {
        drain(in);
        throw new TooLarge();
      }
      byte[] body = in.readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        drain(in);
        throw new TooLarge();
      }
      bodyRead = true;
      return body;
    } catch (TooLarge e) {
      throw e;
    } catch (IOException e) {
      throw new Unreadable(e);
    }
  }

  /**
   * Reads and drops what the client is still sending (up to a bound), so that it reads the 413
   * instead of a reset caused by bytes left unread.
   */
  private static void drain(InputStream in) throws IOException {
    long skipped = 0;
    byte[] sink = new byte[8192];
    int n;
    while (skipped < DRAIN_LIMIT && (n = in.read(sink)) > 0) {
      skipped += n;
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
      closeIfBodyUnread();
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
    // The connection is gone; succeeding (not failing) keeps Jetty from trying to write a 500 to it.
    callback.succeeded();
  }

  @Override
  public void interruptWhenClientLeaves() {
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    endPoint.tryFillInterested(new Departure(endPoint, Thread.currentThread()));
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

  /**
   * Watches a connection whose request has been read: Jetty reads nothing more until the response
   * ends, so only this notices the client closing it.
   */
  private static final class Departure implements Callback {
    private final EndPoint endPoint;
    private final Thread parked;
    private final AtomicBoolean gone = new AtomicBoolean();

    Departure(EndPoint endPoint, Thread parked) {
      this.endPoint = endPoint;
      this.parked = parked;
    }

    @Override
    public void succeeded() {
      try {
        if (endPoint.fill(BufferUtil.allocate(256)) < 0) {
          leave();
        } else {
          endPoint.tryFillInterested(this);
        }
      } catch (IOException e) {
        leave();
      }
    }

    @Override
    public void failed(Throwable failure) {
      leave();
    }

    private void leave() {
      if (gone.compareAndSet(false, true)) {
        parked.interrupt();
      }
    }
  }

  /**
   * A refusal may go out before the body is read. What has already arrived is dropped without
   * waiting; if more is due, Jetty will drop the connection once the response ends, without
   * saying so, and a client that reused it would fail. Saying so lets it open another.
   */
  private void closeIfBodyUnread() {
    boolean hasBody = request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    if (hasBody && !bodyRead && !request.consumeAvailable()) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
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
