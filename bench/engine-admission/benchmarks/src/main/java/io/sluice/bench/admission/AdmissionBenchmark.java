package io.sluice.bench.admission;

import io.sluice.engine.Attempt;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.RequestPlan;
import io.sluice.engine.RequestSpec;
import io.sluice.engine.Step;
import io.sluice.engine.TrafficEngine;
import io.sluice.engine.breaker.BreakerConfig;
import io.sluice.engine.breaker.Breakers;
import io.sluice.engine.breaker.Permission;
import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.outcome.OutcomeType;
import io.sluice.engine.pacing.AdaptiveLimit;
import io.sluice.engine.pacing.AdaptiveLimitConfig;
import io.sluice.engine.pacing.Admission;
import io.sluice.engine.pacing.FreeModelLimiter;
import io.sluice.engine.pacing.FreeModelLimits;
import io.sluice.engine.pacing.LimitKey;
import io.sluice.engine.retry.RetryBudget;
import io.sluice.engine.retry.RetryBudgetLimits;
import io.sluice.engine.route.Decision;
import io.sluice.engine.route.MaxPrice;
import io.sluice.engine.route.ModelInfo;
import io.sluice.engine.route.Plan;
import io.sluice.engine.route.Planner;
import io.sluice.engine.route.RequestNeeds;
import io.sluice.engine.route.RoutePolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine's admission decision, piece by piece and as the whole chain the gateway runs before an
 * attempt (issue 4: at most 2 µs per request). Modes, threads and iterations come from
 * {@code bench/engine-admission/run}; the annotations are only the defaults for a bare JMH run.
 *
 * <p>No benchmark reads a clock. The free-model limiter and the chain use one fixed instant, so that
 * the limiter stays at {@code used} of its 20 slots for the whole run (admitted, then released);
 * the breakers use an instant that advances 1 ms per operation and per thread, so that their call
 * windows slide and evict as in traffic.
 *
 * <p>State shared by the threads of a multi-threaded run (the limiter, the breakers, the adaptive
 * limits, the budget) is {@link Scope#Benchmark}: with 2 threads they contend on the same locks, as
 * the gateway's event loops do.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AdmissionBenchmark {

  /** 12:00 UTC: the limiter's day has 12 hours left, so only the minute window can bind. */
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  static final Outcome SUCCESS = new Outcome(OutcomeType.SUCCESS, 200, false, "Chutes", null,
      Outcome.RateLimit.NONE, null, "", null);
  static final Outcome THROTTLED = new Outcome(OutcomeType.PROVIDER_THROTTLED, 429, false, "Chutes",
      NOW.plusSeconds(2), Outcome.RateLimit.NONE, null, "Rate limit exceeded upstream", null);

  static final int MODEL_KEYS = 100;
  static final int CATALOG_SIZE = 300;

  /** The route the planner and the chain serve: a free model first, then two paid ones. */
  static final List<String> ROUTE = List.of(
      "meta-llama/llama-3.3-70b-instruct:free", "deepseek/deepseek-chat-v3.1", "openai/gpt-4o-mini");

  /** The account-wide free-model limiter with {@code used} of its 20 slots of the minute taken. */
  @State(Scope.Benchmark)
  public static class Limiter {
    /** Slots already taken: 19 for one thread; 18 for two, so that both threads' admissions fit. */
    @Param("19")
    public int used;

    FreeModelLimiter limiter;

    @Setup
    public void setUp() {
      limiter = limiterWith(used);
    }
  }

  /** A limiter whose minute window is full: every admission is refused with a wait. */
  @State(Scope.Benchmark)
  public static class FullLimiter {
    FreeModelLimiter limiter;

    @Setup
    public void setUp() {
      limiter = limiterWith(FreeModelLimits.REQUESTS_PER_MINUTE);
    }
  }

  /** Breakers of 100 models and 10 providers, all closed, each with calls in its window. */
  @State(Scope.Benchmark)
  public static class BreakerState {
    Breakers breakers;
    String[] models;
    Outcome[] outcomes;

    @Setup
    public void setUp() {
      breakers = new Breakers(BreakerConfig.defaults(), 1024);
      models = modelIds(MODEL_KEYS);
      outcomes = new Outcome[MODEL_KEYS];
      for (int i = 0; i < MODEL_KEYS; i++) {
        outcomes[i] = new Outcome(OutcomeType.SUCCESS, 200, false, "provider-" + (i % 10), null,
            Outcome.RateLimit.NONE, null, "", null);
        for (int call = 0; call < 10; call++) {
          Instant at = NOW.minusSeconds(10 - call);
          breakers.allow(models[i], null, at);
          breakers.record(models[i], outcomes[i], at);
        }
      }
    }
  }

  /** Adaptive limits of 100 models, each with one call already in flight. */
  @State(Scope.Benchmark)
  public static class Adaptive {
    AdaptiveLimit limits;
    LimitKey[] keys;

    @Setup
    public void setUp() {
      limits = new AdaptiveLimit(AdaptiveLimitConfig.defaults());
      String[] models = modelIds(MODEL_KEYS);
      keys = new LimitKey[MODEL_KEYS];
      for (int i = 0; i < MODEL_KEYS; i++) {
        keys[i] = LimitKey.model(models[i]);
        limits.tryAcquire(keys[i], NOW);
      }
    }
  }

  /** A 300-model catalog, the 3-model route over it and one request's needs. */
  @State(Scope.Benchmark)
  public static class Routing {
    Map<String, ModelInfo> catalog;
    RoutePolicy policy;
    RequestNeeds needs;
    Plan plan;

    @Setup
    public void setUp() {
      catalog = catalog(CATALOG_SIZE);
      // A price ceiling, so that every candidate's prices are compared as in a priced route.
      policy = RoutePolicy.of(ROUTE).withMaxPrice(new MaxPrice(new BigDecimal("5"), new BigDecimal("15")));
      // About 8 KB of prompt, 1,000 tokens out, with tools.
      needs = new RequestNeeds(RequestNeeds.estimateTokens(8_000), 1_000, true, false, List.of());
      plan = Planner.candidates(policy, needs, catalog);
      if (plan.eligible().size() != ROUTE.size()) {
        throw new IllegalStateException("every route candidate should be eligible: " + plan);
      }
    }
  }

  /** The gateway's shared engine state for the chain: limiter, breakers and retry budget. */
  @State(Scope.Benchmark)
  public static class Gateway {
    /** Free-model slots already taken (see {@link Limiter#used}). */
    @Param("19")
    public int used;

    FreeModelLimiter limiter;
    Breakers breakers;
    RetryBudget budget;

    @Setup
    public void setUp() {
      limiter = limiterWith(used);
      breakers = new Breakers(BreakerConfig.defaults(), 1024);
      budget = new RetryBudget(RetryBudgetLimits.defaults());
      for (String model : modelIds(MODEL_KEYS)) {
        breakers.allow(model, null, NOW);
      }
      for (String model : ROUTE) {
        breakers.record(model, SUCCESS, NOW.minusSeconds(1));
      }
    }
  }

  /** One thread's position in the key cycle and its advancing clock. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
    long millis = NOW.toEpochMilli();

    int key() {
      int key = next;
      next = key + 1 == MODEL_KEYS ? 0 : key + 1;
      return key;
    }

    /** The next instant: 1 ms after the last one this thread used. */
    Instant tick() {
      return Instant.ofEpochMilli(++millis);
    }
  }

  /** A free-model request admitted (the 20th slot), then released because it will not be sent. */
  @Benchmark
  public boolean freeModelAdmitRelease(Limiter s) {
    return switch (s.limiter.admit(NOW)) {
      case Admission.Admitted admitted -> admitted.permit().release();
      case Admission.WaitUntil wait -> throw new IllegalStateException("refused with " + s.used + " used: " + wait);
    };
  }

  /** A free-model request refused: the minute window is full, the answer says until when. */
  @Benchmark
  public Admission freeModelRefused(FullLimiter s) {
    return s.limiter.admit(NOW);
  }

  /** Breaker check for one of 100 models, then the attempt's success recorded (model and provider). */
  @Benchmark
  public Permission breakerAllowRecord(BreakerState s, Cursor c) {
    int i = c.key();
    Instant now = c.tick();
    Permission permission = s.breakers.allow(s.models[i], null, now);
    s.breakers.record(s.models[i], s.outcomes[i], now);
    return permission;
  }

  /** One of 100 models' adaptive limit: a call admitted, then released with a success. */
  @Benchmark
  public boolean adaptiveAcquireRelease(Adaptive s, Cursor c) {
    LimitKey key = s.keys[c.key()];
    boolean admitted = s.limits.tryAcquire(key, NOW);
    if (admitted) {
      s.limits.release(key, SUCCESS, NOW);
    }
    return admitted;
  }

  /** The plan for a request on a 3-model route over a 300-model catalog. */
  @Benchmark
  public Plan plannerCandidates(Routing s) {
    return Planner.candidates(s.policy, s.needs, s.catalog);
  }

  /** After the first candidate was throttled by its provider: fall back to the next. */
  @Benchmark
  public Decision plannerAfterFailure(Routing s) {
    return Planner.afterFailure(s.plan, ROUTE.get(0), THROTTLED, 1, NOW);
  }

  /**
   * The whole decision before the first attempt, in the gateway's order: the request counted in the
   * retry budget, its plan, the first candidate's breaker, and (a {@code :free} model) the free-model
   * limiter. The permit is then released, as for an attempt that was not sent, so the limiter stays
   * at {@code used} slots.
   */
  @Benchmark
  public void admissionChain(Gateway g, Routing r, Blackhole bh) {
    g.budget.recordRequest(NOW);
    Plan plan = Planner.candidates(r.policy, r.needs, r.catalog);
    ModelInfo first = plan.eligible().get(0);
    Permission permission = g.breakers.allow(first.id(), null, NOW);
    bh.consume(permission);
    if (permission.sends() && first.free()) {
      switch (g.limiter.admit(NOW)) {
        case Admission.Admitted admitted -> bh.consume(admitted.permit().release());
        case Admission.WaitUntil wait -> throw new IllegalStateException("refused with " + g.used + " used: " + wait);
      }
    }
    bh.consume(plan);
  }

  /**
   * The engine's facade as the gateway drives it for one request that succeeds: plan over a 2-model
   * paid route, {@code next} (every gate, and the providers to avoid: the first model has three
   * known providers, one of them with an open breaker), and {@code report}.
   */
  @Benchmark
  public void facadePlanSendReport(Facade f, Blackhole bh) {
    RequestPlan plan = f.engine.plan(RequestSpec.route(f.policy, f.needs, NOW));
    Step.Send send = (Step.Send) plan.next(NOW);
    bh.consume(send.avoidProviders());
    bh.consume(plan.report(new Attempt.Classified(send.model(), SUCCESS, false), NOW));
  }

  /** A {@link TrafficEngine} with the catalog, a paid route, and provider breakers to steer around. */
  @State(Scope.Benchmark)
  public static class Facade {
    TrafficEngine engine;
    RoutePolicy policy;
    RequestNeeds needs;

    @Setup
    public void setUp() {
      engine = new TrafficEngine(EngineConfig.defaults(), new java.util.SplittableRandom(1));
      engine.updateCatalog(List.copyOf(catalog(CATALOG_SIZE).values()));
      policy = RoutePolicy.of(ROUTE.subList(1, ROUTE.size()));
      needs = new RequestNeeds(RequestNeeds.estimateTokens(8_000), 1_000, true, false, List.of());
      String model = ROUTE.get(1);
      for (String provider : List.of("Chutes", "DeepInfra", "Flaky")) {
        OutcomeType type = provider.equals("Flaky") ? OutcomeType.OVERLOADED : OutcomeType.SUCCESS;
        for (int call = 0; call < 6; call++) {
          RequestPlan plan = engine.plan(RequestSpec.model(model, NOW.minusSeconds(10)));
          Step.Send send = (Step.Send) plan.next(NOW.minusSeconds(10));
          plan.report(new Attempt.Classified(send.model(), new Outcome(type, type == OutcomeType.SUCCESS ? 200 : 503,
              false, provider, null, Outcome.RateLimit.NONE, null, "", null), false), NOW.minusSeconds(10));
        }
      }
      RequestPlan check = engine.plan(RequestSpec.route(policy, needs, NOW));
      Step.Send send = (Step.Send) check.next(NOW);
      check.cancel();
      if (!send.avoidProviders().contains("Flaky")) {
        throw new IllegalStateException("the open provider should be avoided: " + send);
      }
    }
  }

  // Fixtures

  /** A limiter at 20 a minute and 1,000 a day with {@code used} slots of the current minute taken. */
  static FreeModelLimiter limiterWith(int used) {
    FreeModelLimiter limiter = new FreeModelLimiter(FreeModelLimits.perDay(FreeModelLimits.REQUESTS_PER_DAY_WITH_CREDITS));
    for (int i = 0; i < used; i++) { // spread over the last 40 s, all inside the window at NOW
      Instant at = NOW.minusSeconds(40).plusMillis(2_000L * i);
      if (!(limiter.admit(at) instanceof Admission.Admitted)) {
        throw new IllegalStateException("could not fill slot " + i);
      }
    }
    return limiter;
  }

  static String[] modelIds(int count) {
    String[] ids = new String[count];
    for (int i = 0; i < count; i++) {
      ids[i] = "vendor-" + (i % 17) + "/model-" + i + (i % 5 == 0 ? ":free" : "");
    }
    return ids;
  }

  /** {@code size} models like OpenRouter's: mixed windows, prices and parameters, the route's among them. */
  static Map<String, ModelInfo> catalog(int size) {
    Map<String, ModelInfo> catalog = new HashMap<>();
    String[] ids = modelIds(size - ROUTE.size());
    Set<String> chat = Set.of("max_tokens", "temperature", "top_p", "stop", "response_format");
    Set<String> withTools = Set.of("max_tokens", "temperature", "top_p", "stop", "response_format", "tools",
        "tool_choice", "structured_outputs");
    for (int i = 0; i < ids.length; i++) {
      boolean free = ids[i].endsWith(ModelInfo.FREE_SUFFIX);
      BigDecimal prompt = free ? BigDecimal.ZERO : new BigDecimal("0.000000" + (1 + i % 9));
      BigDecimal completion = free ? BigDecimal.ZERO : new BigDecimal("0.00000" + (1 + i % 9));
      catalog.put(ids[i], new ModelInfo(ids[i], 8_192 << (i % 5), prompt, completion, i % 3 == 0 ? chat : withTools));
    }
    catalog.put(ROUTE.get(0), new ModelInfo(ROUTE.get(0), 131_072, BigDecimal.ZERO, BigDecimal.ZERO, withTools));
    catalog.put(ROUTE.get(1), new ModelInfo(ROUTE.get(1), 163_840, new BigDecimal("0.0000002"),
        new BigDecimal("0.0000008"), withTools));
    catalog.put(ROUTE.get(2), new ModelInfo(ROUTE.get(2), 128_000, new BigDecimal("0.00000015"),
        new BigDecimal("0.0000006"), withTools));
    if (catalog.size() != size) {
      throw new IllegalStateException("catalog has " + catalog.size() + " models, not " + size);
    }
    return catalog;
  }
}
