package io.sluice.simulator.openrouter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.simulator.SimClock;
import io.sluice.simulator.scenario.FaultSpec;
import io.sluice.simulator.scenario.ModelSpec;
import io.sluice.simulator.scenario.Platform;
import io.sluice.simulator.scenario.Scenario;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /api/v1/chat/completions}: OpenRouter's checks in its order (request shape,
 * models, key and account limits, free-model limits, credits, moderation, provider routing),
 * then delivery of the served completion.
 */
final class ChatCompletions {

  private static final char[] ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final Scenario scenario;
  private final SimClock clock;
  private final Catalog catalog;
  private final Router router;
  private final Faults faults;
  private final Stats stats;
  private final Generations generations;
  private final SplitMix random;
  private final ContentGenerator generator = new ContentGenerator();
  private final Delivery delivery;

  ChatCompletions(Scenario scenario, SimClock clock, Catalog catalog, Faults faults, Stats stats,
      Generations generations, SplitMix random) {
    this.scenario = scenario;
    this.clock = clock;
    this.catalog = catalog;
    this.router = new Router(random);
    this.faults = faults;
    this.stats = stats;
    this.generations = generations;
    this.random = random;
    this.delivery = new Delivery(clock, scenario.streaming());
  }

  /** Answers one authenticated request whose body has been read. */
  void handle(Wire wire, Accounts.Caller caller, byte[] body) throws InterruptedException {
    stats.attempt(caller.label());
    Instant started = clock.now();
    ChatRequest request;
    try {
      request = ChatRequest.parse(body);
    } catch (ChatRequest.Invalid e) {
      refuse(wire, caller, Errors.badRequest(e.getMessage()));
      return;
    }
    switch (decide(request, caller, started)) {
      case Refusal refusal -> refuse(wire, caller, refusal.error());
      case Attempt attempt -> {
        try {
          deliver(wire, caller, request, attempt, started);
        } finally {
          attempt.lease().close();
        }
      }
    }
  }

  /** Either the error to send, or the provider attempt that will serve. */
  private Decision decide(ChatRequest request, Accounts.Caller caller, Instant now) {
    if (request.models.size() > 3) {
      return new Refusal(Errors.tooManyModels());
    }
    List<String> candidates = request.candidateModels(catalog.defaultModel());
    for (String id : candidates) {
      if (catalog.find(id) == null) {
        return new Refusal(Errors.invalidModel(id));
      }
    }
    Account account = caller.account();
    if (account.keyRemaining(caller.key().key()) <= 0) {
      return new Refusal(Errors.keyLimitExceeded());
    }
    if (account.balance() < 0) {
      return new Refusal(Errors.insufficientCredits());
    }
    Decision last = null;
    for (String id : candidates) {
      last = tryModel(catalog.find(id), request, caller, now);
      if (last instanceof Attempt) {
        return last;
      }
    }
    return last;
  }

  private Decision tryModel(Catalog.Model model, ChatRequest request, Accounts.Caller caller, Instant now) {
    ModelSpec spec = model.spec();
    Platform platform = scenario.platform();
    int requestedOutput = request.maxTokens != null ? request.maxTokens : spec.maxCompletionTokens();
    if (spec.isFree()) {
      SimError refused = switch (caller.account().admitFree(now, platform)) {
        case FreeModelLimit.Decision.Admitted admitted -> null;
        case FreeModelLimit.Decision.PerMinute m -> Errors.freePerMinute(m.limit(), m.resetAtMs());
        case FreeModelLimit.Decision.PerDay d -> Errors.freePerDay(d.limit(), d.highBalance(), d.resetAtMs());
      };
      if (refused != null) {
        return new Refusal(refused);
      }
    } else {
      SimError unaffordable = affordability(spec, request, caller, requestedOutput);
      if (unaffordable != null) {
        return new Refusal(unaffordable);
      }
    }
    if (spec.moderated() && request.promptText.contains(ModelSpec.FLAG_PHRASE)) {
      return new Refusal(Errors.moderation(spec.id(), model.endpoints().getFirst().name(), request.promptText.strip()));
    }
    List<Endpoint> route;
    try {
      route = router.route(model, request, now);
    } catch (Router.Refused refused) {
      return new Refusal(refused.error);
    }
    ContentGenerator.Completion completion = generator.generate(contentSeed(request),
        spec.completion(), Math.min(requestedOutput, spec.maxCompletionTokens()));
    return attemptProviders(route, request, caller, completion, now);
  }

  private SimError affordability(ModelSpec spec, ChatRequest request, Accounts.Caller caller, int requestedOutput) {
    Account account = caller.account();
    double balance = account.balance();
    if (balance <= 0) {
      return Errors.insufficientCredits();
    }
    double keyRemaining = account.keyRemaining(caller.key().key());
    // In decimal: binary doubles would misstate the affordable count by one token now and then.
    BigDecimal budget = BigDecimal.valueOf(Math.min(balance, keyRemaining));
    BigDecimal promptCost = BigDecimal.valueOf(spec.pricing().prompt())
        .multiply(BigDecimal.valueOf(request.promptTokens));
    BigDecimal perToken = BigDecimal.valueOf(spec.pricing().completion());
    if (promptCost.add(perToken.multiply(BigDecimal.valueOf(requestedOutput))).compareTo(budget) <= 0) {
      return null;
    }
    long affordable = perToken.signum() == 0 ? requestedOutput
        : Math.max(0, budget.subtract(promptCost).divide(perToken, 0, RoundingMode.FLOOR).longValue());
    return Errors.cannotAfford(requestedOutput, affordable, keyRemaining < balance);
  }

  private Decision attemptProviders(List<Endpoint> route, ChatRequest request, Accounts.Caller caller,
      ContentGenerator.Completion completion, Instant now) {
    SimError last = null;
    long tokens = (long) request.promptTokens + completion.tokens();
    for (Endpoint endpoint : route) {
      FaultSpec fault = faults.routing(endpoint, caller, request.stream, now);
      if (fault != null) {
        last = routingFaultError(fault, endpoint);
      } else {
        Endpoint.Lease lease = endpoint.tryAcquire(now, tokens);
        if (lease == null) {
          last = Errors.upstreamRateLimited(endpoint.model.id(), endpoint.name(), null, null);
        } else {
          SimError own = ownFailure(endpoint);
          if (own == null) {
            return new Attempt(lease, completion);
          }
          lease.close();
          last = own;
        }
      }
      endpoint.recordFailure(now);
    }
    return new Refusal(last);
  }

  private static SimError routingFaultError(FaultSpec fault, Endpoint endpoint) {
    return switch (fault.type()) {
      case "rate-limit" -> Errors.upstreamRateLimited(endpoint.model.id(), endpoint.name(),
          fault.retryAfter() == null ? null : Math.max(1, (fault.retryAfter().toMillis() + 999) / 1000), fault.form());
      case "outage" -> Errors.providerFailure(fault.status() != null ? fault.status() : 502, fault.message(),
          endpoint.name());
      default -> Errors.providerFailure(fault.status() != null ? fault.status() : 502, fault.message(), endpoint.name());
    };
  }

  /** The provider's own random failures, drawn from its error rates. */
  private SimError ownFailure(Endpoint endpoint) {
    var rates = endpoint.provider.errorRates();
    if (rates.rateLimited() > 0 && random.nextDouble() < rates.rateLimited()) {
      return Errors.upstreamRateLimited(endpoint.model.id(), endpoint.name(), null, null);
    }
    if (rates.unavailable() > 0 && random.nextDouble() < rates.unavailable()) {
      return Errors.providerFailure(502, null, endpoint.name());
    }
    if (rates.overloaded() > 0 && random.nextDouble() < rates.overloaded()) {
      return Errors.providerFailure(529, null, endpoint.name());
    }
    if (rates.timeout() > 0 && random.nextDouble() < rates.timeout()) {
      return Errors.providerFailure(408, null, endpoint.name());
    }
    return null;
  }

  private void deliver(Wire wire, Accounts.Caller caller, ChatRequest request, Attempt attempt, Instant started)
      throws InterruptedException {
    Endpoint endpoint = attempt.lease.endpoint();
    String id = generationId(started);
    Delivery.Served served = new Delivery.Served(id, started.getEpochSecond(), endpoint.model.id(), endpoint.name(),
        attempt.completion, request.promptTokens, endpoint.pricing, endpoint.provider.latency(),
        caller.account().userId());
    List<FaultSpec> deliveryFaults = faults.delivery(endpoint, caller, request.stream, started);
    HeldEnd held = new HeldEnd(wire);
    Delivery.Outcome outcome = request.stream
        ? delivery.stream(held, served, deliveryFaults)
        : delivery.plain(held, served, deliveryFaults);
    try {
      account(caller, request, served, outcome, started);
    } finally {
      held.release();
    }
  }

  /** Charges, counts and records a delivered request; runs before its client sees the response end. */
  private void account(Accounts.Caller caller, ChatRequest request, Delivery.Served served, Delivery.Outcome outcome,
      Instant started) {
    Instant ended = clock.now();
    double cost = served.cost(outcome.completionTokens());
    caller.account().charge(caller.key().key(), cost, ended);
    if (outcome.whole()) {
      stats.success(caller.label(), request.promptTokens, outcome.completionTokens(), cost);
    } else {
      stats.broken(caller.label(), outcome.brokenBy(), request.promptTokens, outcome.completionTokens(), cost);
    }
    generations.put(served.id(), caller.account().id(), ended.plus(scenario.platform().generationDelay()),
        generationRecord(served, request, outcome, cost, started, ended));
  }

  private void refuse(Wire wire, Accounts.Caller caller, SimError error) {
    stats.error(caller.label(), error);
    Responses.error(wire, error.forUser(caller.account().userId()));
  }

  private long contentSeed(ChatRequest request) {
    long seed = scenario.seed() * 31 + request.promptText.hashCode();
    return request.seed != null ? SplitMix.mix(seed ^ request.seed) : SplitMix.mix(seed);
  }

  private String generationId(Instant now) {
    char[] suffix = new char[20];
    long bits = random.nextLong();
    for (int i = 0; i < suffix.length; i++) {
      if (i % 10 == 0) {
        bits = random.nextLong();
      }
      suffix[i] = ID_ALPHABET[(int) Math.floorMod(bits, (long) ID_ALPHABET.length)];
      bits /= ID_ALPHABET.length;
    }
    return "gen-" + now.getEpochSecond() + "-" + new String(suffix);
  }

  private static ObjectNode generationRecord(Delivery.Served served, ChatRequest request, Delivery.Outcome outcome,
      double cost, Instant started, Instant ended) {
    ObjectNode data = Json.object();
    data.put("id", served.id());
    data.put("upstream_id", "up-" + served.id().substring(4));
    data.put("created_at", started.toString());
    data.put("model", served.model());
    data.put("provider_name", served.provider());
    data.put("streamed", request.stream);
    data.put("cancelled", "client-gone".equals(outcome.brokenBy()));
    data.put("finish_reason", outcome.whole() ? served.completion().finishReason() : "error");
    data.put("native_finish_reason", outcome.whole() ? served.completion().finishReason() : "error");
    data.put("tokens_prompt", served.promptTokens());
    data.put("tokens_completion", outcome.completionTokens());
    data.put("native_tokens_prompt", served.promptTokens());
    data.put("native_tokens_completion", outcome.completionTokens());
    data.put("native_tokens_reasoning", 0);
    data.put("native_tokens_cached", 0);
    data.put("total_cost", cost);
    data.put("usage", cost);
    data.put("upstream_inference_cost", cost);
    data.put("cache_discount", (String) null);
    data.put("is_byok", false);
    long latencyMs = Duration.between(started, ended).toMillis();
    data.put("latency", latencyMs);
    data.put("generation_time", latencyMs);
    data.put("moderation_latency", (String) null);
    data.put("api_type", "completions");
    data.put("origin", "");
    return data;
  }

  private sealed interface Decision permits Refusal, Attempt {}

  /** The request is refused with this error. */
  private record Refusal(SimError error) implements Decision {}

  /** A provider accepted the request; it holds the provider's capacity until delivery ends. */
  private record Attempt(Endpoint.Lease lease, ContentGenerator.Completion completion) implements Decision {}
}
