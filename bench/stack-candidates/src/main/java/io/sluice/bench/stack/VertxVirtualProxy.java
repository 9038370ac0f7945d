package io.sluice.bench.stack;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.Promise;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.Iterator;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Candidate 6: Vert.x 5 HttpServer + HttpClient in verticles deployed with
 * {@link ThreadingModel#VIRTUAL_THREAD}: the HTTP I/O stays on Netty event loops, the request
 * handler runs on a virtual thread and is written in blocking style with {@link Future#await()}.
 *
 * <p>The handler awaits the request body, the upstream connection and the upstream response head,
 * then relays the body. {@code -Dvertx.relay=loop} (default) is a blocking loop over
 * {@code ReadStream.blockingStream()} that writes each piece and waits for the write only when the
 * response's write queue is full: the shape gateway code that looks at each SSE event would have.
 * {@code -Dvertx.relay=pipe} awaits {@code pipeTo(response)} instead. {@code -Dvertx.relay=hybrid}
 * keeps the blocking control flow but issues the upstream request from an event-loop context on the
 * verticle's own event loop (Vert.x internal API: {@code VertxInternal.contextBuilder()}), so the
 * response's pieces are handled there, and relays the body on that event loop with a coalescing pipe
 * (one write per event-loop turn, see {@link VertxCommon#coalescingToClient}); the virtual thread
 * only awaits the end. A client that
 * leaves resets the upstream request, as in the event-loop candidate: the close handler runs on the
 * verticle's context while the handler's virtual thread is parked in {@code await}.
 *
 * <p>Each verticle is its own deployment: the virtual-thread verticles of one deployment share one
 * event loop (Vert.x 5.0 {@code DefaultDeployment}), which would put all HTTP I/O on one thread.
 */
public final class VertxVirtualProxy {
  private static final String NAME = "vertx-virtual";
  private static final String MODE = System.getProperty("vertx.relay", "loop");
  private static final boolean LOOP = MODE.equals("loop");
  private static final boolean HYBRID = MODE.equals("hybrid");

  public static void main(String[] args) {
    Proxy proxy = Proxy.parse(NAME, args);
    if (!LOOP && !HYBRID && !MODE.equals("pipe")) {
      throw new IllegalArgumentException("vertx.relay: loop, pipe or hybrid, not " + MODE);
    }
    VertxCommon.deploy(NAME + " relay=" + MODE, proxy, VertxCommon.vertx(),
        new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD), () -> new Relay(proxy));
  }

  private static final class Relay extends VerticleBase {
    private final Proxy proxy;
    private HttpClient client;
    private ContextInternal loop; // hybrid: an event-loop context on this verticle's event loop

    Relay(Proxy proxy) {
      this.proxy = proxy;
    }

    @Override
    public Future<?> start() {
      client = VertxCommon.client(vertx);
      loop = ((VertxInternal) vertx).contextBuilder().withThreadingModel(ThreadingModel.EVENT_LOOP)
          .withEventLoop(((ContextInternal) context).nettyEventLoop()).build();
      return vertx.createHttpServer(VertxCommon.serverOptions(proxy)).requestHandler(this::relay).listen();
    }

    /** Runs on a virtual thread; every {@code await()} parks it and frees the verticle's context. */
    private void relay(HttpServerRequest req) {
      Proxy.reportThreadOnce(NAME);
      HttpServerResponse res = req.response();
      AtomicBoolean clientGone = new AtomicBoolean();
      HttpClientRequest up;
      HttpClientResponse answer;
      try {
        Buffer body = req.body().await();
        RequestOptions options = VertxCommon.upstreamRequest(proxy, req);
        up = (HYBRID ? onLoop(() -> client.request(options)) : client.request(options)).await();
        if (res.closed()) { // the client left while we got a connection
          up.reset();
          return;
        }
        res.closeHandler(v -> { // client gone before the end: cancel the upstream request
          clientGone.set(true);
          up.reset();
        });
        if (HYBRID) { // the response's pieces arrive on the event loop: pause it there until the pipe is set up
          answer = onLoop(() -> up.send(body).andThen(r -> {
            if (r.succeeded()) {
              r.result().pause();
            }
          })).await();
        } else {
          answer = up.send(body).await();
        }
      } catch (Throwable e) {
        VertxCommon.badGateway(NAME, req, clientGone, e);
        return;
      }
      VertxCommon.head(answer, res);
      try {
        if (LOOP) {
          Iterator<Buffer> pieces = answer.blockingStream().iterator();
          while (pieces.hasNext()) {
            Future<Void> written = res.write(pieces.next()).onFailure(e -> clientGone.set(true));
            if (res.writeQueueFull()) {
              written.await(); // back-pressure: the client is slower than the upstream
            }
          }
          res.end().onFailure(e -> clientGone.set(true));
        } else if (HYBRID) {
          onLoop(() -> answer.pipe().endOnFailure(false).to(VertxCommon.coalescingToClient(loop, res, clientGone)))
              .await();
        } else {
          answer.pipe().endOnFailure(false).to(VertxCommon.toClient(res, clientGone)).await();
        }
      } catch (Throwable e) {
        up.reset();
        VertxCommon.badGateway(NAME, req, clientGone, e);
      }
    }

    /** Runs {@code op} on the event-loop context; the result can be awaited from the virtual thread. */
    private <T> Future<T> onLoop(Supplier<Future<T>> op) {
      Promise<T> done = Promise.promise();
      loop.runOnContext(v -> op.get().onComplete(done));
      return done.future();
    }
  }
}
