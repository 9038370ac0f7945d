package io.sluice.bench.stack;

import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What the two Vert.x 5 candidates share: options, the upstream request, the response head.
 *
 * <p>Both deploy one verticle per event loop (Vert.x's default, 2 x cores, as many as the Netty
 * candidate's worker loops). Each verticle has its own HttpServer (all on the same port; Vert.x
 * spreads connections over them) and its own HttpClient, whose pool uses the verticle's event loop,
 * so a client connection and the upstream connections serving it share a thread.
 */
final class VertxCommon {
  private VertxCommon() {}

  static final int EVENT_LOOPS = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;

  static Vertx vertx() {
    return Vertx.vertx(new VertxOptions().setEventLoopPoolSize(EVENT_LOOPS).setPreferNativeTransport(false));
  }

  /** One deployment per verticle: virtual-thread verticles of one deployment all share one event loop. */
  static void deploy(String name, Proxy proxy, Vertx vertx, DeploymentOptions options, Supplier<Deployable> verticle) {
    List<Future<String>> all = new ArrayList<>();
    for (int i = 0; i < EVENT_LOOPS; i++) {
      all.add(vertx.deployVerticle(verticle.get(), new DeploymentOptions(options).setInstances(1)));
    }
    Future.all(all).toCompletionStage().toCompletableFuture().join();
    Proxy.ready(name + " (" + EVENT_LOOPS + " verticles, " + options.getThreadingModel() + ")", proxy);
  }

  static HttpServerOptions serverOptions(Proxy proxy) {
    return new HttpServerOptions().setHost("127.0.0.1").setPort(proxy.port).setTcpNoDelay(true)
        .setAcceptBacklog(1024);
  }

  static HttpClientAgent client(Vertx vertx) {
    // Keep-alive pool, as large as the other candidates' (idle connections stay for reuse).
    return vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setDecompressionSupported(false),
        new PoolOptions().setHttp1MaxSize(512).setMaxWaitQueueSize(4096));
  }

  static RequestOptions upstreamRequest(Proxy proxy, HttpServerRequest req) {
    RequestOptions o = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setHost(proxy.upstream.getHost())
        .setPort(proxy.upstream.getPort() < 0 ? 80 : proxy.upstream.getPort())
        .setURI((proxy.upstream.getRawPath() == null ? "" : proxy.upstream.getRawPath()) + req.uri())
        .putHeader(HttpHeaders.AUTHORIZATION, Proxy.AUTHORIZATION);
    String type = req.getHeader(HttpHeaders.CONTENT_TYPE);
    o.putHeader(HttpHeaders.CONTENT_TYPE, type == null ? "application/json" : type);
    String accept = req.getHeader(HttpHeaders.ACCEPT);
    if (accept != null) {
      o.putHeader(HttpHeaders.ACCEPT, accept);
    }
    return o;
  }

  /** Status, Content-Type and Content-Length (else chunked) from the upstream response. */
  static void head(HttpClientResponse from, HttpServerResponse to) {
    to.setStatusCode(from.statusCode());
    String type = from.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type != null) {
      to.putHeader(HttpHeaders.CONTENT_TYPE, type);
    }
    String length = from.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      to.putHeader(HttpHeaders.CONTENT_LENGTH, length);
    } else {
      to.setChunked(true);
    }
  }

  /**
   * The client's response as a pipe's destination that notes a failed write in {@code clientGone}
   * (a pipe reports a failed write and a failed source alike; only the latter is an upstream failure).
   */
  static WriteStream<Buffer> toClient(HttpServerResponse res, AtomicBoolean clientGone) {
    return new WriteStream<>() {
      @Override
      public Future<Void> write(Buffer data) {
        return res.write(data).onFailure(e -> clientGone.set(true));
      }

      @Override
      public Future<Void> end() {
        return res.end().onFailure(e -> clientGone.set(true));
      }

      @Override
      public boolean writeQueueFull() {
        return res.writeQueueFull();
      }

      @Override
      public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        res.drainHandler(handler);
        return this;
      }

      @Override
      public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        res.setWriteQueueMaxSize(maxSize);
        return this;
      }

      @Override
      public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        res.exceptionHandler(handler);
        return this;
      }
    };
  }

  /**
   * Like {@link #toClient}, but writes that arrive in one event-loop turn (the pieces decoded from one
   * upstream read) go out as one write, flushed once, at the end of that turn ({@code runOnContext}).
   * Must be used from the response's own event loop.
   */
  static WriteStream<Buffer> coalescingToClient(Context context, HttpServerResponse res, AtomicBoolean clientGone) {
    return new WriteStream<>() {
      private Buffer pending;
      private boolean copied;

      @Override
      public Future<Void> write(Buffer data) {
        if (pending == null) {
          pending = data;
          copied = false;
          context.runOnContext(v -> flush());
        } else {
          if (!copied) {
            pending = Buffer.buffer(Math.max(1024, 4 * (pending.length() + data.length()))).appendBuffer(pending);
            copied = true;
          }
          pending.appendBuffer(data);
        }
        return Future.succeededFuture(); // a failed write shows as clientGone and the connection's close
      }

      private Future<Void> flush() {
        if (pending == null) {
          return Future.succeededFuture();
        }
        Buffer out = pending;
        pending = null;
        return res.write(out).onFailure(e -> clientGone.set(true));
      }

      @Override
      public Future<Void> end() {
        flush();
        return res.end().onFailure(e -> clientGone.set(true));
      }

      @Override
      public boolean writeQueueFull() {
        return res.writeQueueFull();
      }

      @Override
      public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        res.drainHandler(handler);
        return this;
      }

      @Override
      public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        res.setWriteQueueMaxSize(maxSize);
        return this;
      }

      @Override
      public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        res.exceptionHandler(handler);
        return this;
      }
    };
  }

  /**
   * Answers an upstream failure: 502 before the response head went out, else closes the client's
   * connection (it cannot get a whole response). Not when the client left first ({@code clientGone}:
   * its close handler reset the upstream request, which is what failed).
   */
  static void badGateway(String name, HttpServerRequest req, AtomicBoolean clientGone, Throwable cause) {
    HttpServerResponse res = req.response();
    if (clientGone.get() || res.closed() || res.ended()) {
      return; // the client left: nothing to answer, and not an upstream failure
    }
    System.err.println(name + ": 502 upstream failure: " + cause); // error path only
    if (res.headWritten()) {
      req.connection().close(); // the client cannot get a whole response
    } else {
      res.setStatusCode(502).putHeader(HttpHeaders.CONNECTION, "close").end("upstream: " + cause);
    }
  }
}
