package io.sluice.simulator.openrouter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.simulator.ManualSimClock;
import io.sluice.simulator.SimClock;
import io.sluice.simulator.scenario.FaultSpec;
import io.sluice.simulator.scenario.InvalidScenarioException;
import io.sluice.simulator.scenario.KeySpec;
import io.sluice.simulator.scenario.ModelSpec;
import io.sluice.simulator.scenario.Scenario;
import io.sluice.simulator.scenario.Scenarios;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated OpenRouter over HTTP: the public API under {@code /api/v1} and the simulator's
 * own control and observation endpoints under {@code /sim}. Runs each request on a virtual
 * thread; a request that fails unexpectedly gets a 500 and a log line, never a dead server.
 */
public final class OpenRouterHandler extends Handler.Abstract {

  private static final Logger LOG = LoggerFactory.getLogger(OpenRouterHandler.class);

  private final Scenario scenario;
  private final SimClock clock;
  private final AtomicReference<State> state = new AtomicReference<>();
  private final Set<Thread> active = ConcurrentHashMap.newKeySet();

  public OpenRouterHandler(Scenario scenario, SimClock clock) {
    this.scenario = scenario;
    this.clock = clock;
    this.state.set(new State(scenario, clock));
  }

  /** Everything that {@code /sim/reset} puts back to the scenario's start; fault windows count from then. */
  private static final class State {
    final Instant startedAt;
    final Accounts accounts;
    final Catalog catalog;
    final Faults faults;
    final Stats stats = new Stats();
    final Generations generations = new Generations();
    final ChatCompletions chat;

    State(Scenario scenario, SimClock clock) {
      this.startedAt = clock.now();
      SplitMix random = new SplitMix(scenario.seed());
      this.accounts = new Accounts(scenario);
      this.catalog = new Catalog(scenario);
      this.faults = new Faults(scenario.faults(), startedAt, random);
      this.chat = new ChatCompletions(scenario, clock, catalog, faults, stats, generations, random);
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    JettyWire wire = new JettyWire(request, response, callback);
    Thread thread = Thread.currentThread();
    active.add(thread);
    request.addFailureListener(failure -> {
      if (active.contains(thread)) {
        thread.interrupt(); // the client left: wake a response parked in a stall or hang
      }
    });
    try {
      route(wire, request.getMethod(), Request.getPathInContext(request), request);
      wire.completeIfOpen();
    } catch (InterruptedException e) {
      wire.abort(false);
    } catch (Wire.Unreadable e) {
      LOG.debug("unreadable request body on {} {}", request.getMethod(), Request.getPathInContext(request), e);
      Responses.error(wire, Errors.badRequest("Invalid request: " + e.getMessage()));
    } catch (RuntimeException | IOException e) {
      LOG.error("simulator failed on {} {}", request.getMethod(), Request.getPathInContext(request), e);
      Responses.error(wire, Errors.plain(500, "Internal Server Error"));
    } finally {
      active.remove(thread);
      Thread.interrupted();
    }
    return true;
  }

  /** Requests being answered right now, including those parked in a stall or hang. */
  public int requestsInProgress() {
    return active.size();
  }

  /** Interrupts every request still in progress (used on shutdown). */
  public void interruptAll() {
    active.forEach(Thread::interrupt);
  }

  private void route(JettyWire wire, String method, String path, Request request)
      throws IOException, InterruptedException {
    State s = state.get();
    switch (path) {
      case "/api/v1/chat/completions" -> {
        if (allow(wire, method, "POST")) {
          chatCompletions(wire, s);
        }
      }
      case "/api/v1/models" -> {
        if (allow(wire, method, "GET")) {
          Responses.json(wire, 200, models(s, query(request, "supported_parameters")));
        }
      }
      case "/api/v1/key", "/api/v1/auth/key" -> {
        if (allow(wire, method, "GET")) {
          authenticated(wire, s, Errors.missingAuthHeader())
              .ifPresent(caller -> Responses.json(wire, 200, keyReport(caller)));
        }
      }
      case "/api/v1/credits" -> {
        if (allow(wire, method, "GET")) {
          authenticated(wire, s, Errors.missingAuthHeader()).ifPresent(caller -> credits(wire, caller));
        }
      }
      case "/api/v1/generation" -> {
        if (allow(wire, method, "GET")) {
          authenticated(wire, s, Errors.missingAuthHeader())
              .ifPresent(caller -> generation(wire, s, caller, query(request, "id")));
        }
      }
      case "/sim/stats" -> {
        if (allow(wire, method, "GET")) {
          Responses.json(wire, 200, statsJson(s));
        }
      }
      case "/sim/reset" -> {
        if (allow(wire, method, "POST")) {
          reset();
          Responses.json(wire, 200, Json.object().put("reset", true));
        }
      }
      case "/sim/clock" -> {
        if (allow(wire, method, "GET")) {
          Responses.json(wire, 200, clockJson());
        }
      }
      case "/sim/clock/advance" -> {
        if (allow(wire, method, "POST")) {
          advanceClock(wire, query(request, "by"));
        }
      }
      case "/sim/faults" -> faultsEndpoint(wire, method, s);
      default -> Responses.error(wire, Errors.notFound(path));
    }
  }

  private void chatCompletions(JettyWire wire, State s) throws IOException, InterruptedException {
    Optional<Accounts.Caller> caller = authenticated(wire, s, Errors.noCredentials());
    if (caller.isEmpty()) {
      return;
    }
    byte[] body;
    try {
      body = wire.readBody(scenario.platform().maxRequestBytes());
    } catch (Wire.TooLarge e) {
      wire.header("Connection", "close");
      s.stats.attempt(caller.get().label());
      SimError error = Errors.payloadTooLarge(scenario.platform().maxRequestBytes());
      s.stats.error(caller.get().label(), error);
      Responses.error(wire, error.forUser(caller.get().account().userId()));
      return;
    }
    s.chat.handle(wire, caller.get(), body);
  }

  private Optional<Accounts.Caller> authenticated(Wire wire, State s, SimError whenMissing) {
    String header = wire.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
      Responses.error(wire, whenMissing);
      return Optional.empty();
    }
    Optional<Accounts.Caller> caller = s.accounts.find(header.substring(7).trim());
    if (caller.isEmpty()) {
      Responses.error(wire, Errors.userNotFound());
    }
    return caller;
  }

  private static boolean allow(Wire wire, String method, String allowed) {
    if (method.equals(allowed) || (allowed.equals("GET") && method.equals("HEAD"))) {
      return true;
    }
    Responses.error(wire, Errors.methodNotAllowed(method, allowed));
    return false;
  }

  private ObjectNode models(State s, String supportedParameters) {
    ObjectNode root = Json.object();
    ArrayNode data = root.putArray("data");
    List<String> required = supportedParameters == null || supportedParameters.isBlank()
        ? List.of() : List.of(supportedParameters.split(","));
    for (Catalog.Model model : s.catalog.all()) {
      ModelSpec spec = model.spec();
      if (spec.supportedParameters().containsAll(required)) {
        data.add(modelJson(spec, model, s.startedAt));
      }
    }
    return root;
  }

  private static ObjectNode modelJson(ModelSpec spec, Catalog.Model model, Instant startedAt) {
    ObjectNode item = Json.object();
    item.put("id", spec.id());
    item.put("canonical_slug", spec.id().replace(":free", ""));
    item.put("hugging_face_id", "");
    item.put("name", spec.name());
    item.put("created", startedAt.getEpochSecond() - 86_400 * 30);
    item.put("description", spec.name() + ", served by the Sluice simulator.");
    item.put("context_length", spec.contextLength());
    ObjectNode architecture = item.putObject("architecture");
    architecture.put("modality", "text->text");
    architecture.putArray("input_modalities").add("text");
    architecture.putArray("output_modalities").add("text");
    architecture.put("tokenizer", "Other");
    architecture.putNull("instruct_type");
    ObjectNode pricing = item.putObject("pricing");
    pricing.put("prompt", price(spec.pricing().prompt()));
    pricing.put("completion", price(spec.pricing().completion()));
    pricing.put("request", "0");
    pricing.put("image", "0");
    pricing.put("web_search", "0");
    pricing.put("internal_reasoning", "0");
    ObjectNode top = item.putObject("top_provider");
    top.put("context_length", model.endpoints().stream().mapToInt(e -> e.contextLength).max().orElse(spec.contextLength()));
    top.put("max_completion_tokens", spec.maxCompletionTokens());
    top.put("is_moderated", spec.moderated());
    item.putNull("per_request_limits");
    ArrayNode params = item.putArray("supported_parameters");
    spec.supportedParameters().forEach(params::add);
    item.putObject("default_parameters");
    return item;
  }

  private static String price(double perToken) {
    return BigDecimal.valueOf(perToken).stripTrailingZeros().toPlainString();
  }

  private ObjectNode keyReport(Accounts.Caller caller) {
    Account.KeyReport r = caller.account().report(caller.key().key(), clock.now(), scenario.platform());
    ObjectNode root = Json.object();
    ObjectNode data = root.putObject("data");
    data.put("label", r.label());
    data.put("limit", r.limit());
    data.put("limit_remaining", r.limitRemaining());
    data.putNull("limit_reset");
    data.put("include_byok_in_limit", false);
    data.put("usage", r.usage());
    data.put("usage_daily", r.usageDaily());
    data.put("usage_weekly", r.usageWeekly());
    data.put("usage_monthly", r.usageMonthly());
    data.put("byok_usage", 0);
    data.put("byok_usage_daily", 0);
    data.put("byok_usage_weekly", 0);
    data.put("byok_usage_monthly", 0);
    data.put("is_free_tier", r.freeTier());
    data.put("is_management_key", r.management());
    data.put("is_provisioning_key", r.management());
    data.put("creator_user_id", caller.account().userId());
    data.putNull("expires_at");
    ObjectNode rateLimit = data.putObject("rate_limit");
    rateLimit.put("requests", -1);
    rateLimit.put("interval", "10s");
    rateLimit.put("note", "This field is deprecated and safe to ignore.");
    ObjectNode free = data.putObject("free_model_daily_requests");
    free.put("limit", r.freeDailyLimit());
    free.put("remaining", r.freeDailyRemaining());
    free.put("used", r.freeDailyUsed());
    return root;
  }

  private static void credits(Wire wire, Accounts.Caller caller) {
    if (!caller.key().management()) {
      Responses.error(wire, Errors.managementKeyRequired().forUser(caller.account().userId()));
      return;
    }
    double[] credits = caller.account().credits();
    ObjectNode root = Json.object();
    root.putObject("data").put("total_credits", credits[0]).put("total_usage", credits[1]);
    Responses.json(wire, 200, root);
  }

  private void generation(Wire wire, State s, Accounts.Caller caller, String id) {
    if (id == null || id.isBlank()) {
      Responses.error(wire, Errors.badRequest("Invalid request: query parameter 'id' is required")
          .forUser(caller.account().userId()));
      return;
    }
    ObjectNode data = s.generations.find(id, caller.account().id(), clock.now());
    if (data == null) {
      Responses.error(wire, Errors.generationNotFound(id).forUser(caller.account().userId()));
      return;
    }
    ObjectNode root = Json.object();
    root.set("data", data);
    Responses.json(wire, 200, root);
  }

  private ObjectNode statsJson(State s) {
    ObjectNode root = Json.object();
    root.put("scenario", scenario.name());
    root.put("now", clock.now().toString());
    ObjectNode keys = root.putObject("keys");
    for (KeyStats k : allStats(s)) {
      keys.set(k.label(), Stats.toJson(k));
    }
    return root;
  }

  private List<KeyStats> allStats(State s) {
    return scenario.accounts().stream()
        .flatMap(a -> a.keys().stream())
        .map(k -> stats(s, k))
        .toList();
  }

  private KeyStats stats(State s, KeySpec key) {
    Accounts.Caller caller = s.accounts.find(key.key()).orElseThrow();
    int used = caller.account().report(key.key(), clock.now(), scenario.platform()).freeDailyUsed();
    return s.stats.of(key.label(), used);
  }

  /** One key's tallies, by its label. */
  public KeyStats stats(String label) {
    State s = state.get();
    KeySpec key = scenario.accounts().stream().flatMap(a -> a.keys().stream())
        .filter(k -> k.label().equals(label)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no key labelled '" + label + "' in scenario " + scenario.name()));
    return stats(s, key);
  }

  /** Every key's tallies, in scenario order. */
  public List<KeyStats> allStats() {
    return allStats(state.get());
  }

  public void addFault(FaultSpec fault) {
    state.get().faults.add(fault);
  }

  public void clearFaults() {
    state.get().faults.clear();
  }

  /** Credits bought for account {@code accountId} now, until the next reset. */
  public void addCredits(String accountId, double usd) {
    state.get().accounts.byId(accountId)
        .orElseThrow(() -> new IllegalArgumentException("no account '" + accountId + "' in scenario " + scenario.name()))
        .buy(usd);
  }

  /** Puts accounts, counters, providers, generations and faults back to the scenario's start. */
  public void reset() {
    state.set(new State(scenario, clock));
  }

  private ObjectNode clockJson() {
    Instant now = clock.now();
    return Json.object().put("now", now.toString()).put("epoch_ms", now.toEpochMilli())
        .put("manual", clock instanceof ManualSimClock);
  }

  private void advanceClock(Wire wire, String by) {
    if (!(clock instanceof ManualSimClock manual)) {
      Responses.error(wire, Errors.plain(409, "The simulator runs on a scaled clock; only a manual clock can be advanced."));
      return;
    }
    Duration step;
    try {
      step = Scenarios.parseDuration(by == null ? "" : by);
    } catch (IllegalArgumentException e) {
      Responses.error(wire, Errors.badRequest("Invalid request: query parameter 'by': " + e.getMessage()));
      return;
    }
    if (step.isNegative()) {
      Responses.error(wire, Errors.badRequest("Invalid request: the clock only moves forward"));
      return;
    }
    manual.advance(step);
    Responses.json(wire, 200, clockJson());
  }

  private void faultsEndpoint(JettyWire wire, String method, State s) throws IOException {
    switch (method) {
      case "GET", "HEAD" -> {
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("faults");
        s.faults.list().forEach(f -> list.add(faultJson(f)));
        Responses.json(wire, 200, root);
      }
      case "POST" -> {
        byte[] body;
        try {
          body = wire.readBody(64 * 1024);
        } catch (Wire.TooLarge e) {
          Responses.error(wire, Errors.payloadTooLarge(64 * 1024));
          return;
        }
        try {
          FaultSpec fault = Scenarios.parseFault(new String(body, StandardCharsets.UTF_8));
          s.faults.add(fault);
          Responses.json(wire, 201, Json.object().put("added", fault.type()));
        } catch (InvalidScenarioException e) {
          Responses.error(wire, Errors.badRequest(e.getMessage()));
        }
      }
      case "DELETE" -> {
        s.faults.clear();
        Responses.json(wire, 200, Json.object().put("cleared", true));
      }
      default -> Responses.error(wire, Errors.methodNotAllowed(method, "GET, POST, DELETE"));
    }
  }

  private static ObjectNode faultJson(FaultSpec f) {
    ObjectNode node = Json.object().put("type", f.type()).put("model", f.model()).put("provider", f.provider())
        .put("stream", f.stream()).put("from", f.from().toString()).put("probability", f.probability());
    node.put("until", f.until() == null ? null : f.until().toString());
    node.put("key", f.key() == null ? null : "(set)");
    return node;
  }

  private static String query(Request request, String name) {
    Fields fields = Request.extractQueryParameters(request);
    return fields.getValue(name);
  }
}
