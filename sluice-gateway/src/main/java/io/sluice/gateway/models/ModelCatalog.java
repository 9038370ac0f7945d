package io.sluice.gateway.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.gateway.Timers;
import io.sluice.gateway.config.Route;
import io.sluice.gateway.server.ApiError;
import io.sluice.gateway.server.Endpoint;
import io.sluice.gateway.server.Exchange;
import io.sluice.gateway.upstream.FetchJson;
import io.sluice.gateway.upstream.FetchJson;
import io.sluice.gateway.upstream.UpstreamClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/models} and {@code GET /v1/models}: the upstream's catalog, fetched once per
 * {@code catalog-ttl} (one fetch at a time, however many clients ask), with Sluice's route aliases
 * added as models. Each entry also gets the {@code object} and {@code owned_by} fields OpenAI's
 * clients expect, so one list serves both APIs. When a refresh fails the last good list is served;
 * without one the client gets 502.
 */
public final class ModelCatalog implements Endpoint {

  private static final Logger log = LoggerFactory.getLogger(ModelCatalog.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final UpstreamClient upstream;
  private final Consumer<byte[]> onFetched;
  private final Map<String, Route> routes;
  private final Timers timers;
  private final Duration ttl;
  private final AtomicReference<Listing> current = new AtomicReference<>();
  private final AtomicReference<CompletableFuture<Listing>> refreshing = new AtomicReference<>();

  /**
   * @param onFetched hears every list fetched, as the upstream sent it (the traffic engine reads
   *     context lengths, prices and parameters from it)
   */
  public ModelCatalog(UpstreamClient upstream, Consumer<byte[]> onFetched, Map<String, Route> routes, Timers timers,
      Duration ttl) {
    this.upstream = upstream;
    this.onFetched = onFetched;
    this.routes = routes;
    this.timers = timers;
    this.ttl = ttl;
  }

  /** A merged list and when it was fetched. */
  private record Listing(byte[] json, long fetchedNanos) {}

  @Override
  public void handle(Exchange exchange) {
    Listing listing = current.get();
    if (listing != null && timers.nanoTime() - listing.fetchedNanos() < ttl.toNanos()) {
      exchange.respondJson(HttpResponseStatus.OK, listing.json());
      return;
    }
    fetch(exchange.eventLoop()).whenComplete((fresh, failure) -> exchange.eventLoop().execute(() -> {
      if (fresh != null) {
        exchange.respondJson(HttpResponseStatus.OK, fresh.json());
      } else if (current.get() != null) {
        exchange.respondJson(HttpResponseStatus.OK, current.get().json()); // stale beats nothing
      } else {
        exchange.fail(ApiError.badGateway("upstream_unavailable",
            "The upstream's model list could not be fetched: " + failure.getMessage()));
      }
    }));
  }

  /** Fetches the list now (or joins a fetch under way), from {@code loop}, the calling thread's event loop. */
  public CompletableFuture<?> refresh(EventLoop loop) {
    return fetch(loop);
  }

  private CompletableFuture<Listing> fetch(EventLoop loop) {
    CompletableFuture<Listing> mine = new CompletableFuture<>();
    CompletableFuture<Listing> running = refreshing.compareAndExchange(null, mine);
    if (running != null) {
      return running;
    }
    FetchJson.get(upstream, loop, "/models").whenComplete((body, failure) -> {
      try {
        if (failure != null) {
          throw failure;
        }
        Listing listing = new Listing(merge(body), timers.nanoTime());
        current.set(listing);
        onFetched.accept(body);
        mine.complete(listing);
      } catch (Throwable e) {
        log.warn("could not refresh the model list: {}", e.getMessage());
        mine.completeExceptionally(e);
      } finally {
        refreshing.set(null);
      }
    });
    return mine;
  }

  private byte[] merge(byte[] upstreamBody) throws IOException {
    JsonNode root = JSON.readTree(upstreamBody);
    if (root == null || !root.path("data").isArray()) {
      throw new IOException("the upstream's /models answer has no data list");
    }
    ArrayNode models = (ArrayNode) root.get("data");
    List<JsonNode> byId = new ArrayList<>();
    models.forEach(byId::add);
    for (JsonNode model : models) {
      if (model instanceof ObjectNode entry) {
        openAiFields(entry, ownerOf(entry.path("id").asText("")));
      }
    }
    routes.forEach((alias, route) -> models.add(aliasEntry(alias, route, byId)));
    ObjectNode merged = JSON.createObjectNode();
    merged.put("object", "list");
    merged.set("data", models);
    return JSON.writeValueAsBytes(merged);
  }

  /** A route as a model, described by its first candidate where the upstream lists it. */
  private static ObjectNode aliasEntry(String alias, Route route, List<JsonNode> upstreamModels) {
    String first = route.models().getFirst();
    ObjectNode entry = upstreamModels.stream()
        .filter(m -> first.equals(m.path("id").asText()))
        .findFirst()
        .map(m -> ((ObjectNode) m).deepCopy())
        .orElseGet(JSON::createObjectNode);
    entry.put("id", alias);
    entry.put("canonical_slug", alias);
    entry.put("name", "Sluice route " + alias);
    entry.put("description", "A Sluice route: tries " + String.join(", then ", route.models())
        + ". Its other fields describe " + first + ".");
    entry.putIfAbsent("created", JSON.getNodeFactory().numberNode(0));
    ObjectNode sluice = entry.putObject("sluice_route");
    route.models().forEach(sluice.putArray("models")::add);
    openAiFields(entry, "sluice");
    return entry;
  }

  private static void openAiFields(ObjectNode entry, String owner) {
    entry.put("object", "model");
    entry.put("owned_by", owner);
  }

  private static String ownerOf(String id) {
    int slash = id.indexOf('/');
    return slash > 0 ? id.substring(0, slash) : "openrouter";
  }
}
