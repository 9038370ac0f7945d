package io.sluice.engine;

import io.sluice.engine.breaker.Breakers;
import io.sluice.engine.breaker.CreditEvidence;
import io.sluice.engine.breaker.CreditsBreaker;
import io.sluice.engine.breaker.Permission;
import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.pacing.AdaptiveLimit;
import io.sluice.engine.pacing.Admission;
import io.sluice.engine.pacing.FreeModelLimiter;
import io.sluice.engine.pacing.LimitKey;
import io.sluice.engine.pacing.Permit;
import io.sluice.engine.pacing.WaitReason;
import io.sluice.engine.retry.Backoff;
import io.sluice.engine.retry.RetryBudget;
import io.sluice.engine.route.ModelInfo;
import io.sluice.engine.route.ModelListParser;
import io.sluice.engine.route.Plan;
import io.sluice.engine.route.Planner;
import io.sluice.engine.route.RequestNeeds;
import io.sluice.engine.route.RoutePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The traffic engine in one object, for a Java application that makes its own HTTP calls to
 * OpenRouter (or for the gateway): it decides, the caller sends. One per upstream account, shared
 * by every thread.
 *
 * <pre>{@code
 * TrafficEngine engine = new TrafficEngine(EngineConfig.defaults(), new SplittableRandom());
 * engine.learnKey(KeyInfo.parse(get("/key")), clock.instant());          // at start and every few minutes
 * RequestPlan plan = engine.plan(RequestSpec.model("meta-llama/llama-3.3-70b-instruct:free", clock.instant()));
 * while (true) {
 *   switch (plan.next(clock.instant())) {
 *     case Step.Send send -> {
 *       // the body's "model" is send.model(); send.avoidProviders() go into its "provider": {"ignore": [...]}
 *       HttpResponse<byte[]> r = http.send(request(send.model(), send.avoidProviders()), BodyHandlers.ofByteArray());
 *       Attempt attempt = Attempt.of(send.model(), r.statusCode(), n -> r.headers().firstValue(n).orElse(null), r.body());
 *       switch (plan.report(attempt, clock.instant())) {
 *         case Verdict.Done done -> { return r; }
 *         case Verdict.Retry retry -> { }                      // next() says when, and where
 *         case Verdict.GiveUp giveUp -> { return error(giveUp.cause(), giveUp.message(), giveUp.retryAfter()); }
 *       }
 *     }
 *     case Step.Wait wait -> sleepUntil(wait.until());
 *     case Step.Refuse refuse -> { return tooManyRequests(refuse.retryAfterSeconds(), refuse.message()); }
 *   }
 * }
 * }</pre>
 *
 * <p><b>What it combines.</b> Before each attempt ({@link RequestPlan#next}): the route's
 * candidates as the {@link Planner} filters them against the catalog, the credits breaker (paid
 * models only), the model's cool-down, its circuit breaker, the account's free-model limiter (free
 * models only) and the model's adaptive concurrency limit; then the providers the attempt avoids
 * ({@link Step.Send#avoidProviders}): those of the model whose breaker is open or that cool down
 * for it, since the upstream, not Sluice, picks the provider. After each attempt ({@link
 * RequestPlan#report}): the {@link io.sluice.engine.outcome.Classifier}'s outcome is recorded into
 * every one of them, then the planner (fallback first, then retry), the {@link Backoff} and the
 * deadline, and the shared {@link RetryBudget} decide whether another attempt follows.
 *
 * <p><b>Invariants</b>, for every request: no attempt is sent after its deadline, nor more than
 * {@link EngineConfig#maxAttempts()}; a model is never tried again except by a retry of the attempt
 * that just failed on it; every retry of the same model was granted by the retry budget; no
 * attempt goes to a free model unless the free-model limiter admitted it, nor to a paid one while
 * the credits breaker is open (but its one probe), nor to a model whose breaker is open or which
 * cools down; an attempt avoids the providers of its model whose breaker is open or that cool down
 * for it, unless that would be all the providers known to serve it.
 *
 * <p><b>Credits.</b> After an out-of-credits answer, paid attempts stop until there is evidence of
 * credit: a reading of {@code /api/v1/credits} whose balance is above zero ({@link #learnCredits}),
 * or the caller's own ({@link #creditsRestored}). A key reading ({@link #learnKey}) can only show
 * that there is none (a spend limit used up), which holds even the probe. Without evidence,
 * one paid attempt per {@link EngineConfig#creditsRecheck()} goes as a probe; its success restores
 * paid traffic. See {@link CreditsBreaker}.
 *
 * <p><b>Time.</b> Every method takes {@code now}; nothing reads a clock, so decisions are pure
 * functions of the shared state and the instants given, and tests run on fixed instants. The only
 * other input is the random source of the backoff's jitter.
 *
 * <p><b>Threads.</b> Thread-safe; nothing blocks beyond a short lock held for one decision, never
 * across I/O. A {@link RequestPlan} belongs to one request; its methods may be called from
 * different threads in turn.
 *
 * <p><b>Catalog.</b> With a catalog ({@link #updateCatalog}), a route's candidates must be in it and
 * meet the request's needs; context length, tools, structured outputs and prices are checked, and a
 * context-length error moves to a larger window. Without one, every candidate is taken as it is:
 * free when its id ends with {@code :free}, with a context window that fits and the parameters the
 * request needs, but with no known price (so a route with a price ceiling finds no paid candidate).
 */
public final class TrafficEngine {

  private final EngineConfig config;
  private final FreeModelLimiter freeModels;
  private final AdaptiveLimit limits;
  private final Breakers breakers;
  private final CreditsBreaker credits;
  private final Steering steering;
  private final RetryBudget retryBudget;
  private final Backoff backoff;
  private volatile Map<String, ModelInfo> catalog;

  /**
   * @param random the source of the backoff's jitter; it must be safe for the threads that report
   *     attempts (e.g. a {@code SplittableRandom} used by one thread, or {@code
   *     ThreadLocalRandom.current()} when the engine is used from the threads that created it)
   */
  public TrafficEngine(EngineConfig config, RandomGenerator random) {
    this.config = Objects.requireNonNull(config, "config");
    Objects.requireNonNull(random, "random");
    this.freeModels = new FreeModelLimiter(config.freeModels());
    this.limits = new AdaptiveLimit(config.adaptiveLimits());
    this.breakers = new Breakers(config.breakers(), config.maxKeys());
    this.credits = new CreditsBreaker(config.creditsRecheck());
    this.steering = new Steering(breakers, limits);
    this.retryBudget = new RetryBudget(config.retryBudget());
    this.backoff = new Backoff(config.backoffBase(), config.backoffCap(), config.maxAttempts(), random);
  }

  /** The configuration it was built with. */
  public EngineConfig config() {
    return config;
  }

  /**
   * A plan for one request, arriving at {@code spec.arrival()}: counted toward the retry budget, its
   * candidates chosen by the route's rules and the catalog. Drive it with {@link RequestPlan#next}
   * and {@link RequestPlan#report}.
   */
  public RequestPlan plan(RequestSpec spec) {
    Objects.requireNonNull(spec, "spec");
    retryBudget.recordRequest(spec.arrival());
    Plan plan = Planner.candidates(spec.route(), spec.needs(), knownOrAssumed(spec.route(), spec.needs()));
    Duration deadline = spec.deadline() != null ? spec.deadline() : config.deadline();
    return new RequestPlan(this, plan, spec.arrival().plus(deadline));
  }

  /**
   * The upstream's model list (from {@link ModelListParser#parse}), replacing the last one; later
   * plans use it. An empty list is ignored: a failed read must not exclude every model.
   */
  public void updateCatalog(List<ModelInfo> models) {
    Objects.requireNonNull(models, "models");
    if (!models.isEmpty()) {
      catalog = ModelListParser.byId(models);
    }
  }

  /**
   * The caller's own evidence, taken at {@code readAt}, that the account has credit again (a balance
   * it read itself, a payment it made): paid models are allowed again, unless an out-of-credits
   * answer came after the evidence was taken. Without such evidence, leave it to the readings and
   * the probe.
   *
   * @return whether paid traffic was stopped and now flows
   */
  public boolean creditsRestored(Instant readAt) {
    return credits.creditsRestored(readAt);
  }

  /**
   * Learns the account's free-model limits from a reading of the key taken at {@code readAt}: the
   * daily cap (50 on the free tier, 1000 once credits were bought, or the counter's own limit), and
   * the requests left today when the counter is reported (never loosening what is known). While
   * paid traffic is stopped, a key whose spend limit is used up holds it, probe included ({@link
   * KeyInfo#creditEvidence}).
   */
  public void learnKey(KeyInfo key, Instant readAt) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(readAt, "readAt");
    key.freeModelsPerDay().ifPresent(freeModels::changeRequestsPerDay);
    KeyInfo.FreeDaily daily = key.freeModelDailyRequests();
    if (daily != null && daily.remaining() != null) {
      freeModels.learnDailyRemaining(daily.remaining(), readAt);
    }
    credits.learn(CreditEvidence.Source.KEY, key.creditEvidence(), readAt);
  }

  /**
   * Learns from a reading of the account's credits taken at {@code readAt} (a management key's
   * {@code GET /api/v1/credits}): while paid traffic is stopped, a balance above zero restores it,
   * and none holds it, probe included ({@link CreditsInfo#creditEvidence}).
   *
   * @return whether paid traffic was stopped and now flows
   */
  public boolean learnCredits(CreditsInfo reading, Instant readAt) {
    Objects.requireNonNull(reading, "reading");
    return credits.learn(CreditEvidence.Source.ACCOUNT, reading.creditEvidence(), readAt);
  }

  /**
   * Since when paid traffic has been stopped (the latest out-of-credits answer), or empty while it
   * flows: the time to read {@code /api/v1/credits}, if the key may.
   */
  public Optional<Instant> outOfCreditsSince() {
    return credits.openSince();
  }

  /**
   * A lower bound of when a free model could take a request that {@code ahead} others are admitted
   * before, from the account's free-model window and daily cap. An owner that keeps waiting
   * requests in line refuses at once, with it, one whose deadline comes first.
   */
  public Instant freeModelTurn(int ahead, Instant now) {
    return freeModels.earliestAdmission(ahead, now);
  }

  /** The free-model daily cap in force (configured, or learned from the key). */
  public int freeModelsPerDay() {
    return freeModels.limits().requestsPerDay();
  }

  // For RequestPlan: the gates before an attempt, and what an attempt teaches.

  /** What stands between an attempt on {@code model} and the upstream at {@code now}. */
  sealed interface Gate {}

  /**
   * Every gate is open; the attempt holds what it took (release with {@link #cancel}, or {@link
   * #record}): a free-model slot, the model breaker's probe, the credits breaker's probe, and the
   * providers it avoids with the provider probes it holds.
   */
  record Pass(String model, Permit permit, boolean probe, boolean creditsProbe, Steering.Route route)
      implements Gate {}

  /** A gate is closed until {@code until}. */
  record Blocked(Step.Reason reason, Instant until, String message) implements Gate {}

  Gate gate(ModelInfo model, Instant now) {
    Permission paid = credits.allow(model.free(), now);
    if (paid instanceof Permission.Rejected rejected) {
      return new Blocked(Step.Reason.OUT_OF_CREDITS, rejected.until(), credits.showsNoCredit()
          ? "The account is out of credits, and the upstream's latest reading shows none: paid models are held back "
              + "until a reading shows credit (next reading due at " + rejected.until() + ")."
          : "The account is out of credits: paid models are held back until the upstream shows credit again; one "
              + "paid request will check at " + rejected.until() + ".");
    }
    boolean creditsProbe = paid instanceof Permission.Probe;
    Gate gate = admit(model, now);
    if (gate instanceof Pass pass) {
      return new Pass(pass.model(), pass.permit(), pass.probe(), creditsProbe, steering.route(pass.model(), now));
    }
    if (creditsProbe) {
      credits.cancelProbe();
    }
    return gate;
  }

  /** The gates after the credits breaker: the model's cool-down, breaker, free-model limiter and concurrency. */
  private Gate admit(ModelInfo model, Instant now) {
    String id = model.id();
    LimitKey key = LimitKey.model(id);
    var coolDown = limits.coolDownUntil(key, now);
    if (coolDown.isPresent()) {
      return new Blocked(Step.Reason.COOLING_DOWN, coolDown.get(),
          id + " is cooling down after the upstream throttled it, until " + coolDown.get() + ".");
    }
    Permission permission = breakers.allow(id, null, now);
    if (permission instanceof Permission.Rejected rejected) {
      return new Blocked(Step.Reason.BREAKER_OPEN, rejected.until(),
          id + " is failing; its circuit breaker lets no call through before " + rejected.until() + ".");
    }
    boolean probe = permission instanceof Permission.Probe;
    Permit permit = null;
    if (model.free()) {
      Admission admission = freeModels.admit(now);
      if (admission instanceof Admission.WaitUntil wait) {
        cancelProbe(id, probe);
        return new Blocked(wait.reason() == WaitReason.DAILY_CAP ? Step.Reason.FREE_DAILY_CAP
            : Step.Reason.FREE_MINUTE_WINDOW, wait.instant(), wait.message());
      }
      permit = ((Admission.Admitted) admission).permit();
    }
    if (!limits.tryAcquire(key, now)) {
      if (permit != null) {
        permit.release();
      }
      cancelProbe(id, probe);
      return new Blocked(Step.Reason.AT_CONCURRENCY_LIMIT, now.plus(config.busyRecheck()),
          id + " has as many calls in flight as it is known to take.");
    }
    return new Pass(id, permit, probe, false, Steering.Route.NONE);
  }

  /** Gives back what a {@link Pass} took, for an attempt that will not be sent. */
  void cancel(Pass pass) {
    if (pass.permit() != null) {
      pass.permit().release();
    }
    limits.cancel(LimitKey.model(pass.model()));
    cancelProbe(pass.model(), pass.probe());
    if (pass.creditsProbe()) {
      credits.cancelProbe();
    }
    steering.cancel(pass.route());
  }

  /** What a sent attempt came to, into every piece of shared state. */
  void record(Pass pass, Outcome outcome, Instant now) {
    if (pass.permit() != null) {
      pass.permit().complete(outcome, now);
    }
    String model = pass.model();
    boolean providersAlone = steering.providersAlone(model, outcome, now);
    if (providersAlone) {
      limits.cancel(LimitKey.model(model)); // out of flight; the model itself learns nothing from it
    } else {
      limits.release(LimitKey.model(model), outcome, now);
    }
    if (outcome.provider() != null) {
      limits.learn(LimitKey.provider(outcome.provider()), outcome, now);
      limits.learn(LimitKey.providerOf(model, outcome.provider()), outcome, now);
    }
    steering.settle(pass.route(), outcome);
    if (providersAlone) {
      breakers.recordAgainstProvider(model, outcome, now);
    } else {
      breakers.record(model, outcome, now);
    }
    credits.record(outcome, pass.creditsProbe(), now);
  }

  boolean tryAcquireRetry(Instant now) {
    return retryBudget.tryAcquireRetry(now);
  }

  Backoff backoff() {
    return backoff;
  }

  private void cancelProbe(String model, boolean probe) {
    if (probe) {
      breakers.model(model).cancelProbe();
    }
  }

  /**
   * Each candidate as the catalog describes it; one the catalog does not list (there is no catalog
   * yet, or the model is newer than the last reading, or it does not exist) as its id tells,
   * fitting the request: the upstream is the one to say that a model does not exist, in its own
   * words, rather than Sluice refusing what it cannot judge.
   */
  private Map<String, ModelInfo> knownOrAssumed(RoutePolicy route, RequestNeeds needs) {
    Map<String, ModelInfo> known = catalog;
    List<String> ids = needs.clientModels().isEmpty() ? route.candidates() : needs.clientModels();
    Map<String, ModelInfo> models = new HashMap<>();
    for (String id : ids) {
      ModelInfo listed = known == null ? null : known.get(id);
      models.put(id, listed != null ? listed
          : new ModelInfo(id, Integer.MAX_VALUE, null, null, Set.of("tools", "structured_outputs")));
    }
    return models;
  }
}
