package io.sluice.gateway.upstream;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.sluice.gateway.Timers;
import io.sluice.gateway.config.UpstreamConfig;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;

/**
 * Sends requests to the configured upstream over pooled keep-alive HTTP/1.1 connections.
 *
 * <p>Each event loop has its own pool, so a client's connection and the upstream connection that
 * serves it share one thread and no lock. The upstream key and attribution headers come from the
 * configuration only; nothing of the client's own headers is forwarded. Each attempt is bounded by
 * the configured connect, first-byte, idle-gap and total timeouts.
 */
public final class UpstreamClient implements AutoCloseable {

  private final UpstreamConfig config;
  private final Timers timers;
  private final Target target;
  private final SslContext ssl;
  private final HttpHeaders fixedHeaders;
  private final Map<EventLoop, ConnectionPool> pools = new ConcurrentHashMap<>();

  public UpstreamClient(UpstreamConfig config, Timers timers) {
    this.config = config;
    this.timers = timers;
    this.target = Target.of(config.baseUrl());
    this.ssl = target.secure() ? clientSsl(config) : null;
    this.fixedHeaders = fixedHeaders(config);
  }

  /**
   * Starts an attempt from {@code loop}, which must be the calling thread's event loop. The
   * listener hears about it on that loop.
   */
  public Attempt send(EventLoop loop, UpstreamRequest request, AttemptListener listener) {
    if (!loop.inEventLoop()) {
      throw new IllegalStateException("send must be called from the event loop it names");
    }
    ConnectionPool pool = pools.computeIfAbsent(loop, l -> new ConnectionPool(l, target, ssl, config.timeouts()));
    AttemptRun run = new AttemptRun(pool, timers, config.timeouts(), toHttp(request), listener);
    run.start();
    return run;
  }

  /** Closes every pooled connection. Attempts still running fail with {@code CLOSED}. */
  @Override
  public void close() {
    pools.values().forEach(pool -> pool.loop().execute(pool::close));
    pools.clear();
  }

  private FullHttpRequest toHttp(UpstreamRequest request) {
    FullHttpRequest http = new DefaultFullHttpRequest(
        HttpVersion.HTTP_1_1, request.method(), target.basePath() + request.path(), request.body());
    HttpHeaders headers = http.headers();
    headers.set(HttpHeaderNames.HOST, target.hostHeader());
    headers.set(HttpHeaderNames.USER_AGENT, "sluice");
    headers.set(HttpHeaderNames.ACCEPT, request.streaming() ? "text/event-stream" : "application/json");
    headers.add(fixedHeaders);
    if (request.body().isReadable()) {
      headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    }
    if (request.body().isReadable() || request.method().equals(HttpMethod.POST)) {
      headers.setInt(HttpHeaderNames.CONTENT_LENGTH, request.body().readableBytes());
    }
    return http;
  }

  /** The upstream key and the attribution headers: from the configuration, the same on every request. */
  private static HttpHeaders fixedHeaders(UpstreamConfig config) {
    HttpHeaders headers = new DefaultHttpHeaders();
    if (config.apiKey().isPresent()) {
      headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + config.apiKey().reveal());
    }
    config.attribution().headers().forEach(headers::set);
    return headers;
  }

  /** TLS that checks the upstream's certificate and host name, against the configured CAs or the JVM's. */
  private static SslContext clientSsl(UpstreamConfig config) {
    SslContextBuilder builder = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
    config.caCertificates().ifPresent(pem -> builder.trustManager(pem.toFile()));
    try {
      return builder.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot set up TLS for the upstream: " + e.getMessage(), e);
    }
  }

  /** Where the upstream is, taken apart once. */
  record Target(String host, int port, boolean secure, String hostHeader, String basePath) {

    static Target of(URI base) {
      boolean secure = base.getScheme().equalsIgnoreCase("https");
      int defaultPort = secure ? 443 : 80;
      int port = base.getPort() < 0 ? defaultPort : base.getPort();
      String host = base.getHost();
      String hostHeader = port == defaultPort ? host : host + ":" + port;
      String path = base.getRawPath() == null ? "" : base.getRawPath();
      return new Target(host, port, secure, hostHeader, path);
    }
  }
}
