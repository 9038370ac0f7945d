package io.sluice.bench.stack;

import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/** Candidate 1: Jetty 12 server (core handlers, virtual threads) + Jetty 12 HttpClient, blocking via InputStreamResponseListener. */
public final class JettyJettyProxy {
  public static void main(String[] args) throws Exception {
    Proxy proxy = Proxy.parse("jetty-jetty", args);
    HttpClient client = new HttpClient();
    client.setMaxConnectionsPerDestination(512);
    client.setMaxRequestsQueuedPerDestination(4096);
    client.setUserAgentField(null);
    client.setFollowRedirects(false);
    client.getContentDecoderFactories().clear(); // relay bytes as sent: no Accept-Encoding: gzip
    client.start();
    String base = proxy.upstream.toString();
    JettyFront.start("jetty-jetty", proxy, (pathQuery, contentType, accept, body) -> {
      Request request = client.newRequest(base + pathQuery)
          .method(HttpMethod.POST)
          .headers(h -> {
            h.put(HttpHeader.AUTHORIZATION, Proxy.AUTHORIZATION);
            if (accept != null) {
              h.put(HttpHeader.ACCEPT, accept);
            }
          })
          .body(new BytesRequestContent(contentType == null ? "application/json" : contentType, body));
      InputStreamResponseListener listener = new InputStreamResponseListener();
      request.send(listener);
      Response response = listener.get(60, TimeUnit.SECONDS);
      InputStream in = listener.getInputStream();
      return new Upstream.Exchange() {
        @Override public int status() { return response.getStatus(); }
        @Override public String contentType() { return response.getHeaders().get(HttpHeader.CONTENT_TYPE); }
        @Override public long contentLength() { return response.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH); }
        @Override public InputStream body() { return in; }
        @Override public void abort() { request.abort(new java.io.IOException("client went away")); }
        @Override public void close() throws java.io.IOException { in.close(); }
      };
    });
  }
}
