package io.sluice.engine.route;

import io.sluice.engine.outcome.Outcome;
import io.sluice.engine.outcome.OutcomeType;
import io.sluice.engine.outcome.Reaction;
import io.sluice.engine.route.Decision.Fail;
import io.sluice.engine.route.Decision.FallBack;
import io.sluice.engine.route.Decision.RetrySame;
import io.sluice.engine.route.Exclusion.Reason;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which models a request may use, and where it goes after a failure. Pure functions of their
 * arguments; no state, no clock.
 *
 * <p><b>Candidates.</b> The client's own {@code models} list when it sent one, else the route's
 * candidates, in order; each must be in the catalog, be free or paid as the route allows, have a
 * context window of at least the prompt estimate plus {@code max_tokens}, support tools and
 * structured outputs when the request uses them, and be within the price ceiling.
 *
 * <p><b>After a failure</b>, in this order:
 *
 * <ol>
 *   <li>An outcome whose reaction allows neither retry nor fallback fails at once: bad request,
 *       auth, moderation, key limit, unknown, and anything that failed after the response started.
 *   <li>If the outcome falls back (its reaction allows it and the route keeps it in {@link
 *       RoutePolicy#fallbackOn()}), the next eligible candidate after the attempted one takes the
 *       request, skipping what the request has learned cannot help: a free daily cap skips every
 *       free candidate from then on, out of credits every paid one; a context-length error every
 *       window no larger than the one that failed; a per-minute limit on a free model skips the
 *       other free ones (they share the account's window), an in-flight budget 402 the paid ones.
 *       Candidates are only ever taken forward in the plan, so no model is tried twice in one
 *       request except by a retry.
 *   <li>Otherwise, if the reaction retries and the model has attempts left ({@code ONCE}: 2 in
 *       all; otherwise {@link RoutePolicy#maxAttemptsPerModel()}), the same call again, not before
 *       the upstream's {@code retryAt}.
 *   <li>Otherwise the request fails with the cause, why no candidate is left, and the upstream's
 *       retry instant as a {@code Retry-After}.
 * </ol>
 */
public final class Planner {

  private Planner() {}

  /**
   * The plan for one request: the eligible candidates in order, and each excluded one with why.
   *
   * @param catalog the upstream's models by id, as read by {@link ModelListParser}
   */
  public static Plan candidates(RoutePolicy policy, RequestNeeds needs, Map<String, ModelInfo> catalog) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(needs, "needs");
    Objects.requireNonNull(catalog, "catalog");
    List<String> ids = needs.clientModels().isEmpty() ? policy.candidates() : needs.clientModels();
    List<ModelInfo> eligible = new ArrayList<>(ids.size());
    List<Exclusion> excluded = new ArrayList<>();
    for (String id : ids) {
      ModelInfo model = catalog.get(id);
      Optional<Exclusion> exclusion = model == null
          ? Optional.of(new Exclusion(id, Reason.NOT_IN_CATALOG, "not in the upstream's model list"))
          : check(policy, needs, model);
      exclusion.ifPresentOrElse(excluded::add, () -> eligible.add(model));
    }
    return new Plan(policy, eligible, excluded);
  }

  /**
   * What to do after an attempt on {@code attemptedModel} failed with {@code outcome}.
   *
   * @param plan the request's plan: the one {@link #candidates} gave, or the last {@link
   *     FallBack#plan()}
   * @param attemptedModel the model the failed attempt went to: one of the plan's candidates
   * @param attemptsSoFar the attempts this request has sent to {@code attemptedModel}, the failed
   *     one included (1 after the first)
   * @param now the instant of the decision, for the {@code Retry-After} of a failure
   * @throws IllegalArgumentException for a successful outcome, a model not in the plan, or fewer
   *     than one attempt
   */
  public static Decision afterFailure(Plan plan, String attemptedModel, Outcome outcome, int attemptsSoFar, Instant now) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(now, "now");
    if (outcome.type() == OutcomeType.SUCCESS) {
      throw new IllegalArgumentException("a successful attempt needs no decision");
    }
    if (attemptsSoFar < 1) {
      throw new IllegalArgumentException("attemptsSoFar counts the failed attempt, so it is at least 1, was " + attemptsSoFar);
    }
    int index = plan.indexOf(attemptedModel);
    ModelInfo failed = plan.eligible().get(index);
    Reaction reaction = outcome.reaction();
    OutcomeType type = outcome.type();
    Plan learned = learn(plan, type, failed);

    boolean mayFallBack = reaction.fallback() && plan.policy().fallbackOn().contains(type);
    if (mayFallBack) {
      Optional<ModelInfo> next = learned.after(index,
          type == OutcomeType.ACCOUNT_PER_MINUTE && failed.free(), type == OutcomeType.CREDITS_IN_FLIGHT);
      if (next.isPresent()) {
        return new FallBack(next.get().id(), learned);
      }
    }
    if (reaction.retryable() && attemptsSoFar < attemptsAllowed(reaction, plan.policy())) {
      return new RetrySame(attemptedModel, outcome.retryAt());
    }
    return new Fail(type, reason(learned, failed, outcome, reaction, mayFallBack), retryAfter(outcome, now));
  }

  private static Optional<Exclusion> check(RoutePolicy policy, RequestNeeds needs, ModelInfo model) {
    String id = model.id();
    if (model.free() && !policy.allowFree()) {
      return Optional.of(new Exclusion(id, Reason.FREE_NOT_ALLOWED, "free, and the route allows no free models"));
    }
    if (!model.free() && !policy.allowPaid()) {
      return Optional.of(new Exclusion(id, Reason.PAID_NOT_ALLOWED, "paid, and the route allows no paid models"));
    }
    if (model.contextLength() < needs.tokensNeeded()) {
      return Optional.of(new Exclusion(id, Reason.CONTEXT_TOO_SMALL, "context window " + model.contextLength() + " < "
          + needs.tokensNeeded() + " tokens needed (about " + needs.promptTokens() + " in the prompt + max_tokens "
          + needs.maxTokens() + ")"));
    }
    if (needs.usesTools() && !model.supportsTools()) {
      return Optional.of(new Exclusion(id, Reason.NO_TOOLS, "does not support tools"));
    }
    if (needs.structuredOutput() && !model.supportsStructuredOutputs()) {
      return Optional.of(new Exclusion(id, Reason.NO_STRUCTURED_OUTPUTS, "does not support structured outputs"));
    }
    if (!policy.maxPrice().admits(model)) {
      return Optional.of(new Exclusion(id, Reason.OVER_MAX_PRICE, "USD " + orUnknown(model.promptPricePerMillion())
          + " / " + orUnknown(model.completionPricePerMillion()) + " per million prompt / completion tokens, over "
          + orNone(policy.maxPrice().prompt()) + " / " + orNone(policy.maxPrice().completion())));
    }
    return Optional.empty();
  }

  private static Plan learn(Plan plan, OutcomeType type, ModelInfo failed) {
    return switch (type) {
      case FREE_DAILY_CAP -> plan.closeFree();
      case OUT_OF_CREDITS -> plan.closePaid();
      case CONTEXT_TOO_LONG -> plan.contextAbove(failed.contextLength());
      default -> plan;
    };
  }

  private static int attemptsAllowed(Reaction reaction, RoutePolicy policy) {
    return reaction.retry() == Reaction.Retry.ONCE ? Math.min(2, policy.maxAttemptsPerModel()) : policy.maxAttemptsPerModel();
  }

  private static String reason(Plan plan, ModelInfo failed, Outcome outcome, Reaction reaction, boolean mayFallBack) {
    StringBuilder reason = new StringBuilder()
        .append(failed.id()).append(" failed (").append(outcome.type());
    if (!outcome.message().isEmpty()) {
      reason.append(": ").append(outcome.message());
    }
    reason.append(")");
    if (outcome.type() == OutcomeType.FREE_DAILY_CAP && outcome.retryAt() != null) {
      reason.append("; free models reopen at ").append(outcome.retryAt());
    }
    if (!reaction.fallback()) {
      reason.append("; no other model can help with that");
    } else if (!mayFallBack) {
      reason.append("; the route does not fall back on ").append(outcome.type());
    } else {
      reason.append("; no candidate is left that could serve it");
      if (outcome.type() == OutcomeType.CONTEXT_TOO_LONG) {
        reason.append(" (none after it has a context window larger than ").append(failed.contextLength()).append(")");
      }
      if (!plan.excluded().isEmpty()) {
        reason.append("; excluded: ").append(plan.excludedList());
      }
    }
    return reason.append(".").toString();
  }

  private static Duration retryAfter(Outcome outcome, Instant now) {
    if (outcome.retryAt() == null) {
      return null;
    }
    Duration wait = Duration.between(now, outcome.retryAt());
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  private static String orUnknown(BigDecimal price) {
    return price == null ? "unknown" : price.stripTrailingZeros().toPlainString();
  }

  private static String orNone(BigDecimal price) {
    return price == null ? "no ceiling" : price.stripTrailingZeros().toPlainString();
  }
}
