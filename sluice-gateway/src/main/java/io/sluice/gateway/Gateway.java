package io.sluice.gateway;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.sluice.gateway.account.KeyInfo;
import io.sluice.gateway.admin.AdminKeys;
import io.sluice.engine.TrafficEngine;
import io.sluice.engine.route.ModelListParser;
import io.sluice.gateway.chat.ChatCompletions;
import io.sluice.gateway.config.GatewayConfig;
import io.sluice.gateway.health.Health;
import io.sluice.gateway.models.ModelCatalog;
import io.sluice.gateway.server.Access;
import io.sluice.gateway.server.GatewayServer;
import io.sluice.gateway.server.RouteTable;
import io.sluice.gateway.upstream.UpstreamClient;
import java.net.URI;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

/**
 * A running Sluice gateway: an OpenAI- and OpenRouter-compatible endpoint in front of the
 * configured upstream.
 *
 * <pre>{@code
 * try (Gateway gateway = Gateway.start(GatewayConfigs.load(Path.of("sluice.yaml")))) {
 *   URI openAiBase = gateway.openAiBaseUri();     // http://127.0.0.1:8787/v1
 *   URI openRouterBase = gateway.openRouterBaseUri(); // http://127.0.0.1:8787/api/v1
 * }
 * }</pre>
 */
public final class Gateway implements AutoCloseable {

  private final GatewayConfig config;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final UpstreamClient upstream;
  private final TrafficEngine engine;
  private final ModelCatalog catalog;
  private final UpstreamWatch watch;
  private final Health health;
  private final GatewayServer server;
  private final ChatCompletions chat;

  private Gateway(GatewayConfig config, Timers timers, InstantSource clock) throws InterruptedException {
    this.config = config;
    this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sluice-accept", true),
        NioIoHandler.newFactory());
    this.workers = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
        new DefaultThreadFactory("sluice-io", true), NioIoHandler.newFactory());
    this.upstream = new UpstreamClient(config.upstream(), timers);
    this.engine = Engines.of(config);
    this.catalog = new ModelCatalog(upstream, body -> engine.updateCatalog(ModelListParser.parse(body)),
        config.routes(), timers, config.upstream().catalogTtl());
    this.health = new Health();
    this.chat = new ChatCompletions(config, engine, upstream, clock, timers);
    try {
      this.server = GatewayServer.start(config, routes(), boss, workers, timers);
    } catch (RuntimeException | InterruptedException e) {
      shutDownLoops();
      throw e;
    }
    this.watch = UpstreamWatch.start(engine, upstream, catalog, workers.next(), config.upstream().catalogTtl(), timers,
        clock, config.pacing().learnsFreeModelsPerDay());
  }

  /** Starts a gateway with real time. Binding failures (port in use) are thrown. */
  public static Gateway start(GatewayConfig config) {
    return start(config, Timers.system(), InstantSource.system());
  }

  /** Starts a gateway whose timeouts run on {@code timers} and whose timestamps come from {@code clock}. */
  public static Gateway start(GatewayConfig config, Timers timers, InstantSource clock) {
    try {
      return new Gateway(config, timers, clock);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the gateway", e);
    }
  }

  public int port() {
    return server.port();
  }

  /** {@code http://host:port}, without a path. */
  public URI baseUri() {
    String host = config.server().host();
    String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + shown + ":" + port());
  }

  /** The base URL for OpenRouter clients: {@code .../api/v1}. */
  public URI openRouterBaseUri() {
    return URI.create(baseUri() + "/api/v1");
  }

  /** The base URL for OpenAI clients: {@code .../v1}. */
  public URI openAiBaseUri() {
    return URI.create(baseUri() + "/v1");
  }

  /** Requests waiting in line for a shared capacity (the free-model window, a model's concurrency). */
  public int requestsWaiting() {
    return chat.requestsWaiting();
  }

  /** Turns readiness off, stops listening, closes connections and releases the event loops. */
  @Override
  public void close() {
    health.drain();
    watch.close();
    server.close();
    upstream.close();
    shutDownLoops();
  }

  private RouteTable routes() {
    ModelCatalog models = catalog;
    KeyInfo key = new KeyInfo();
    RouteTable.Builder table = RouteTable.builder();
    for (String base : new String[] {"/api/v1", "/v1"}) {
      table.add(HttpMethod.POST, base + "/chat/completions", Access.CLIENT, chat)
          .add(HttpMethod.GET, base + "/models", Access.CLIENT, models)
          .add(HttpMethod.GET, base + "/key", Access.CLIENT, key);
    }
    return table
        .add(HttpMethod.GET, "/health", Access.OPEN, health.liveness())
        .add(HttpMethod.GET, "/ready", Access.OPEN, health.readiness())
        .add(HttpMethod.GET, "/admin/keys", Access.ADMIN, new AdminKeys(config.clientKeys()))
        .build();
  }

  private void shutDownLoops() {
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
