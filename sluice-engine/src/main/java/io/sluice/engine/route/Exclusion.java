package io.sluice.engine.route;

import java.util.Objects;

/**
 * A candidate the planner left out of a request's plan, and why: for the error a client gets when
 * no candidate is left, and for the ledger.
 *
 * @param model the candidate's id
 * @param reason the first requirement it failed
 * @param detail the figures behind it, in a phrase such as {@code context window 8192 < 9100 tokens needed}
 */
public record Exclusion(String model, Reason reason, String detail) {

  /** The requirement a candidate failed, checked in this order. */
  public enum Reason {
    /** The catalog does not list the model. */
    NOT_IN_CATALOG,
    /** The model is free and the route allows no free models. */
    FREE_NOT_ALLOWED,
    /** The model is paid and the route allows no paid models. */
    PAID_NOT_ALLOWED,
    /** Its context window is smaller than the prompt estimate plus {@code max_tokens}. */
    CONTEXT_TOO_SMALL,
    /** The request has tools and the model does not support them. */
    NO_TOOLS,
    /** The request asks for a {@code json_schema} and the model has no structured outputs. */
    NO_STRUCTURED_OUTPUTS,
    /** Its price is over the route's ceiling, or unknown while a ceiling is set. */
    OVER_MAX_PRICE
  }

  public Exclusion {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return model + " (" + detail + ")";
  }
}
