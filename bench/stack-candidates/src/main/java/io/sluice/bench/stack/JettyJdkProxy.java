package io.sluice.bench.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Candidate 2: Jetty 12 server (core handlers, virtual threads) + the JDK's java.net.http.HttpClient (HTTP/1.1, blocking send). */
public final class JettyJdkProxy {
  public static void main(String[] args) throws Exception {
    Proxy proxy = Proxy.parse("jetty-jdk", args);
    HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    String base = proxy.upstream.toString();
    JettyFront.start("jetty-jdk", proxy, (pathQuery, contentType, accept, body) -> {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathQuery))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .header("Authorization", Proxy.AUTHORIZATION)
          .header("Content-Type", contentType == null ? "application/json" : contentType);
      if (accept != null) {
        request.header("Accept", accept);
      }
      HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      InputStream in = response.body();
      return new Upstream.Exchange() {
        @Override public int status() { return response.statusCode(); }
        @Override public String contentType() { return response.headers().firstValue("content-type").orElse(null); }
        @Override public long contentLength() { return response.headers().firstValueAsLong("content-length").orElse(-1); }
        @Override public InputStream body() { return in; }
        // Closing the body stream before its end cancels the exchange and drops the connection.
        @Override public void abort() { try { in.close(); } catch (IOException ignored) { } }
        @Override public void close() throws IOException { in.close(); }
      };
    });
  }
}
