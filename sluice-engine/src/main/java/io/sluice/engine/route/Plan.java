package io.sluice.engine.route;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One request's candidates: those that meet every requirement, in the order to try them, and those
 * left out with the reason. Built by {@link Planner#candidates}; each {@link Decision.FallBack}
 * carries the plan updated with what the request has learned since. Immutable.
 *
 * <p>What a plan learns, for the rest of its request: a free daily cap closes the free models, an
 * out-of-credits answer the paid ones, and a context-length error rules out every window no larger
 * than the one that failed.
 */
public final class Plan {

  private static final int NO_CONTEXT_LEARNED = -1;

  private final RoutePolicy policy;
  private final List<ModelInfo> eligible;
  private final List<Exclusion> excluded;
  private final boolean freeClosed;
  private final boolean paidClosed;
  private final int contextAbove; // only windows larger than this; NO_CONTEXT_LEARNED before a context error

  Plan(RoutePolicy policy, List<ModelInfo> eligible, List<Exclusion> excluded) {
    this(policy, eligible, excluded, false, false, NO_CONTEXT_LEARNED);
  }

  private Plan(RoutePolicy policy, List<ModelInfo> eligible, List<Exclusion> excluded, boolean freeClosed,
      boolean paidClosed, int contextAbove) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.eligible = List.copyOf(eligible);
    this.excluded = List.copyOf(excluded);
    this.freeClosed = freeClosed;
    this.paidClosed = paidClosed;
    this.contextAbove = contextAbove;
  }

  /** The policy the plan follows. */
  public RoutePolicy policy() {
    return policy;
  }

  /** The candidates that meet every requirement, in the order to try them. */
  public List<ModelInfo> eligible() {
    return eligible;
  }

  /** The candidates left out, in the route's order, each with why. */
  public List<Exclusion> excluded() {
    return excluded;
  }

  /** The model to send the request to first; empty when no candidate meets the requirements. */
  public Optional<ModelInfo> first() {
    return eligible.isEmpty() ? Optional.empty() : Optional.of(eligible.get(0));
  }

  /**
   * Why the plan has no candidate, for the client's error: {@code No candidate model can serve
   * this request: a/b (context window 8192 < 9100 tokens needed); …}.
   */
  public String refusal() {
    return "No candidate model can serve this request: " + excludedList() + ".";
  }

  String excludedList() {
    return excluded.isEmpty() ? "none is left" : excluded.stream().map(Exclusion::toString).collect(Collectors.joining("; "));
  }

  int indexOf(String model) {
    for (int i = 0; i < eligible.size(); i++) {
      if (eligible.get(i).id().equals(model)) {
        return i;
      }
    }
    throw new IllegalArgumentException(model + " is not a candidate of this plan: " + eligible);
  }

  /** The first candidate after {@code index} that nothing learned rules out, skipping a pool if asked. */
  Optional<ModelInfo> after(int index, boolean skipFree, boolean skipPaid) {
    for (int i = index + 1; i < eligible.size(); i++) {
      ModelInfo model = eligible.get(i);
      boolean free = model.free();
      if (free && (freeClosed || skipFree) || !free && (paidClosed || skipPaid) || model.contextLength() <= contextAbove) {
        continue;
      }
      return Optional.of(model);
    }
    return Optional.empty();
  }

  Plan closeFree() {
    return new Plan(policy, eligible, excluded, true, paidClosed, contextAbove);
  }

  Plan closePaid() {
    return new Plan(policy, eligible, excluded, freeClosed, true, contextAbove);
  }

  Plan contextAbove(int tokens) {
    return new Plan(policy, eligible, excluded, freeClosed, paidClosed, Math.max(contextAbove, tokens));
  }

  @Override
  public String toString() {
    return "Plan[eligible=" + eligible.stream().map(ModelInfo::id).toList() + ", excluded=" + excluded
        + (freeClosed ? ", free closed" : "") + (paidClosed ? ", paid closed" : "")
        + (contextAbove != NO_CONTEXT_LEARNED ? ", context above " + contextAbove : "") + "]";
  }
}
