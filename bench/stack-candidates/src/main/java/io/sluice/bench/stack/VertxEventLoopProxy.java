package io.sluice.bench.stack;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Candidate 5: Vert.x 5 HttpServer + HttpClient in standard (event-loop) verticles: callbacks and
 * futures, no blocking.
 *
 * <p>The client's request body is piped to the upstream request and the upstream response is piped
 * to the client with {@code pipeTo} (back-pressure both ways: the source pauses while the
 * destination's write queue is full). Vert.x writes and flushes each piece as it arrives
 * ({@code -Dvertx.coalesce=true}: the pieces of one event-loop turn go out as one write). A client
 * that leaves (its connection closes before the response ends) resets the upstream request, which
 * closes that upstream connection.
 */
public final class VertxEventLoopProxy {
  private static final String NAME = "vertx-eventloop";
  /** -Dvertx.coalesce=true: one write (and flush) per event-loop turn instead of one per relayed piece. */
  private static final boolean COALESCE = Boolean.getBoolean("vertx.coalesce");

  public static void main(String[] args) {
    Proxy proxy = Proxy.parse(NAME, args);
    VertxCommon.deploy(NAME, proxy, VertxCommon.vertx(),
        new DeploymentOptions().setThreadingModel(ThreadingModel.EVENT_LOOP), () -> new Relay(proxy));
  }

  private static final class Relay extends VerticleBase {
    private final Proxy proxy;
    private HttpClient client;

    Relay(Proxy proxy) {
      this.proxy = proxy;
    }

    @Override
    public Future<?> start() {
      client = VertxCommon.client(vertx);
      return vertx.createHttpServer(VertxCommon.serverOptions(proxy)).requestHandler(this::relay).listen();
    }

    private void relay(HttpServerRequest req) {
      Proxy.reportThreadOnce(NAME);
      req.pause(); // until the upstream request can take the body
      HttpServerResponse res = req.response();
      AtomicBoolean clientGone = new AtomicBoolean();
      client.request(VertxCommon.upstreamRequest(proxy, req)).onComplete(opened -> {
        if (opened.failed()) {
          VertxCommon.badGateway(NAME, req, clientGone, opened.cause());
          return;
        }
        HttpClientRequest up = opened.result();
        if (res.closed()) { // the client left while we got a connection
          up.reset();
          return;
        }
        res.closeHandler(v -> { // client gone before the end: cancel the upstream request
          clientGone.set(true);
          up.reset();
        });
        String length = req.getHeader("Content-Length");
        if (length != null) {
          up.putHeader("Content-Length", length);
        }
        up.send(req).onComplete(answered -> {
          if (answered.failed()) {
            VertxCommon.badGateway(NAME, req, clientGone, answered.cause());
            return;
          }
          VertxCommon.head(answered.result(), res);
          answered.result().pipe().endOnFailure(false).to(COALESCE
              ? VertxCommon.coalescingToClient(context, res, clientGone) : VertxCommon.toClient(res, clientGone)).onFailure(failure -> {
            up.reset();
            VertxCommon.badGateway(NAME, req, clientGone, failure);
          });
        });
      });
    }
  }
}
