package io.sluice.bench.stack;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.OptionalLong;

/** Candidate 3: Helidon SE 4 WebServer (a virtual thread per request, its own design) + Helidon WebClient (HTTP/1.1). */
public final class HelidonProxy {
  /** -Dhelidon.nodelay=false reproduces Helidon's default. */
  private static final boolean TCP_NODELAY = Boolean.parseBoolean(System.getProperty("helidon.nodelay", "true"));

  public static void main(String[] args) {
    Proxy proxy = Proxy.parse("helidon", args);
    // Helidon leaves TCP_NODELAY off by default (Jetty, the JDK client and this Netty proxy turn it
    // on); with Nagle on, small SSE writes wait for the peer's delayed ACK (~40 ms each).
    WebClient client = WebClient.builder()
        .socketOptions(o -> o.tcpNoDelay(TCP_NODELAY))
        .connectionCacheSize(512)
        .followRedirects(false)
        .build();
    String base = proxy.upstream.toString();
    WebServer server = WebServer.builder()
        .host("127.0.0.1")
        .port(proxy.port)
        .connectionOptions(o -> o.tcpNoDelay(TCP_NODELAY))
        .routing(r -> r.any((req, res) -> relay(client, base, req, res)))
        .build()
        .start();
    Proxy.ready("helidon", proxy);
  }

  private static void relay(WebClient client, String base, ServerRequest req, ServerResponse res) throws Exception {
    Proxy.reportThreadOnce("helidon");
    byte[] body = req.content().inputStream().readAllBytes();
    String query = req.query().rawValue();
    String pathQuery = req.path().rawPath() + (query.isEmpty() ? "" : "?" + query);
    HttpClientRequest request = client.post().uri(base + pathQuery)
        .header(HeaderNames.AUTHORIZATION, Proxy.AUTHORIZATION)
        .header(HeaderNames.CONTENT_TYPE, req.headers().first(HeaderNames.CONTENT_TYPE).orElse("application/json"));
    Optional<String> accept = req.headers().first(HeaderNames.ACCEPT);
    if (accept.isPresent()) {
      request.header(HeaderNames.ACCEPT, accept.get());
    }
    HttpClientResponse response;
    try {
      response = request.submit(body);
    } catch (RuntimeException e) {
      System.err.println("helidon: 502 upstream failure: " + e); // error path only
      res.status(Status.BAD_GATEWAY_502).send("upstream: " + e);
      return;
    }
    // A failed write to the client throws out of here; closing a response whose entity was not read
    // to the end closes its connection instead of returning it to the cache, cancelling the request.
    try (response) {
      res.status(response.status().code());
      copy(response, res, HeaderNames.CONTENT_TYPE);
      OptionalLong length = response.headers().contentLength();
      if (length.isPresent()) {
        res.contentLength(length.getAsLong());
      }
      InputStream in = response.inputStream();
      byte[] buffer = new byte[Proxy.BUFFER];
      try (OutputStream out = res.outputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (n > 0) {
            out.write(buffer, 0, n);
            out.flush();
          }
        }
      }
    }
  }

  private static void copy(HttpClientResponse from, ServerResponse to, HeaderName name) {
    from.headers().first(name).ifPresent(v -> to.header(name, v));
  }
}
