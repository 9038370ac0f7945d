/**
 * Routes and fallback: which models may serve a request, and where it goes after a failure.
 *
 * <p>Entry point: {@link io.sluice.engine.route.Planner}. {@code candidates(policy, needs,
 * catalog)} turns a {@link io.sluice.engine.route.RoutePolicy} (the route's ordered candidates and
 * rules), the {@link io.sluice.engine.route.RequestNeeds} read from the request, and the catalog
 * ({@link io.sluice.engine.route.ModelInfo}s read by {@link
 * io.sluice.engine.route.ModelListParser} from {@code GET /api/v1/models}) into a {@link
 * io.sluice.engine.route.Plan}: the eligible candidates in order, and each {@link
 * io.sluice.engine.route.Exclusion} with why. After each failed attempt, {@code afterFailure}
 * answers a {@link io.sluice.engine.route.Decision}: retry the same model, fall back to the next
 * candidate (with the plan updated by what the request learned), or fail with the cause.
 *
 * <pre>{@code
 * Plan plan = Planner.candidates(policy, needs, catalog);
 * String model = plan.first().orElseThrow(() -> badRequest(plan.refusal())).id();
 * int attempts = 1;
 * while (true) {
 *   Outcome outcome = send(model);
 *   if (outcome.type() == OutcomeType.SUCCESS) break;
 *   switch (Planner.afterFailure(plan, model, outcome, attempts, clock.instant())) {
 *     case Decision.RetrySame retry -> { attempts++; waitUntil(retry.notBefore()); }
 *     case Decision.FallBack next -> { model = next.model(); plan = next.plan(); attempts = 1; }
 *     case Decision.Fail fail -> { return error(fail.cause(), fail.reason(), fail.retryAfter()); }
 *   }
 * }
 * }</pre>
 *
 * <p>Deadlines, backoff and the retry budget across all traffic are the retry policy's; the
 * planner only says which model may take the next attempt.
 */
package io.sluice.engine.route;
