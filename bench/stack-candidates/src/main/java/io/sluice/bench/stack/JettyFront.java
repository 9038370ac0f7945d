package io.sluice.bench.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Jetty 12 server side shared by candidates 1 and 2: core Handler API (no servlets), a
 * QueuedThreadPool whose virtual-threads executor runs the blocking handler, plain blocking code.
 */
final class JettyFront {
  private JettyFront() {}

  static Server start(String name, Proxy proxy, Upstream upstream) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName(name);
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(proxy.port);
    server.addConnector(connector);
    server.setHandler(new RelayHandler(name, upstream));
    server.start();
    Proxy.ready(name, proxy);
    return server;
  }

  /** Handler.Abstract is BLOCKING, so Jetty hands each request to a virtual thread. */
  private static final class RelayHandler extends Handler.Abstract {
    private final String name;
    private final Upstream upstream;

    RelayHandler(String name, Upstream upstream) {
      this.name = name;
      this.upstream = upstream;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      Proxy.reportThreadOnce(name);
      byte[] body;
      try (InputStream in = Content.Source.asInputStream(request)) {
        body = in.readAllBytes();
      }
      Upstream.Exchange exchange;
      try {
        exchange = upstream.open(request.getHttpURI().getPathQuery(),
            request.getHeaders().get(HttpHeader.CONTENT_TYPE), request.getHeaders().get(HttpHeader.ACCEPT), body);
      } catch (Exception e) {
        System.err.println(name + ": 502 upstream failure: " + e); // error path only
        Response.writeError(request, response, callback, 502, "upstream: " + e);
        return true;
      }
      // A client that leaves while the upstream is silent: Jetty reports it here, if it notices.
      request.addFailureListener(failure -> exchange.abort());
      try (exchange) {
        response.setStatus(exchange.status());
        if (exchange.contentType() != null) {
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, exchange.contentType());
        }
        if (exchange.contentLength() >= 0) {
          response.getHeaders().put(HttpHeader.CONTENT_LENGTH, exchange.contentLength());
        }
        InputStream in = exchange.body();
        byte[] buffer = new byte[Proxy.BUFFER];
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (n == 0) {
            continue;
          }
          try (Blocker.Callback written = Blocker.callback()) {
            response.write(false, ByteBuffer.wrap(buffer, 0, n), written);
            written.block(); // each piece goes out before the next upstream read
          } catch (IOException clientGone) {
            exchange.abort();
            throw clientGone;
          }
        }
      } catch (IOException | RuntimeException e) {
        exchange.abort();
        callback.failed(e);
        return true;
      }
      response.write(true, BufferUtil.EMPTY_BUFFER, callback);
      return true;
    }
  }
}
