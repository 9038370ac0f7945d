package io.sluice.simulator.openrouter;

import io.sluice.simulator.openrouter.ChatRequest.ProviderPreferences;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * OpenRouter's provider routing for one model (shared/OPENROUTER.md §1.3, §6): filter by the
 * request's preferences and needs, then order: {@code order} first, or a {@code sort}, or by
 * default a price-weighted random pick (weight 1/price²) among providers that did not fail in
 * the last 30 s, the rest as fallbacks.
 */
final class Router {

  private final SplitMix random;

  Router(SplitMix random) {
    this.random = random;
  }

  /** The endpoints to try in order; throws {@link Refused} when none may serve the request. */
  List<Endpoint> route(Catalog.Model model, ChatRequest request, Instant now) {
    ProviderPreferences prefs = request.provider;
    List<Endpoint> candidates = allowed(model, prefs);
    candidates = capable(candidates, request);
    candidates = withinPrice(candidates, prefs);
    candidates = fittingContext(candidates, request);
    List<Endpoint> ordered = order(candidates, prefs, softPreference(request), now);
    if (!prefs.allowFallbacks()) {
      int keep = prefs.order().isEmpty() ? 1 : (int) ordered.stream().filter(e -> listed(e, prefs.order())).count();
      if (keep == 0) {
        List<String> available = model.endpoints().stream().map(e -> e.provider.slug()).toList();
        throw new Refused(Errors.noAllowedProviders(model.id(), available, "order", prefs.order()));
      }
      ordered = ordered.subList(0, keep);
    }
    return ordered;
  }

  private static List<Endpoint> allowed(Catalog.Model model, ProviderPreferences prefs) {
    List<Endpoint> result = model.endpoints().stream()
        .filter(e -> prefs.only().isEmpty() || listed(e, prefs.only()))
        .filter(e -> !listed(e, prefs.ignore()))
        .toList();
    if (result.isEmpty()) {
      List<String> available = model.endpoints().stream().map(e -> e.provider.slug()).toList();
      throw new Refused(prefs.only().isEmpty()
          ? Errors.noAllowedProviders(model.id(), available, "ignore", prefs.ignore())
          : Errors.noAllowedProviders(model.id(), available, "only", prefs.only()));
    }
    return result;
  }

  private static List<Endpoint> capable(List<Endpoint> endpoints, ChatRequest request) {
    List<Endpoint> result = endpoints;
    if (request.provider.requireParameters()) {
      result = result.stream().filter(e -> e.supports.containsAll(request.parameters)).toList();
      if (result.isEmpty()) {
        throw new Refused(Errors.noEndpoints("No endpoints found that can handle the requested parameters."));
      }
    }
    if (request.hasTools) {
      result = result.stream().filter(e -> e.supports.contains("tools")).toList();
      if (result.isEmpty()) {
        throw new Refused(Errors.noEndpoints("No endpoints found that support tool use"));
      }
    }
    if (request.hasResponseFormat) {
      // A soft preference unless parameters are required: capable providers first.
      List<Endpoint> capableFirst = new ArrayList<>(result.stream().filter(e -> e.supports.contains("response_format")).toList());
      result.stream().filter(e -> !capableFirst.contains(e)).forEach(capableFirst::add);
      result = capableFirst;
    }
    return result;
  }

  private static List<Endpoint> withinPrice(List<Endpoint> endpoints, ProviderPreferences prefs) {
    if (prefs.maxPromptPerMillion() == null && prefs.maxCompletionPerMillion() == null) {
      return endpoints;
    }
    List<Endpoint> result = endpoints.stream()
        .filter(e -> prefs.maxPromptPerMillion() == null || e.pricing.prompt() * 1e6 <= prefs.maxPromptPerMillion() + 1e-12)
        .filter(e -> prefs.maxCompletionPerMillion() == null
            || e.pricing.completion() * 1e6 <= prefs.maxCompletionPerMillion() + 1e-12)
        .toList();
    if (result.isEmpty()) {
      throw new Refused(Errors.noEndpoints("No endpoints found matching your max_price constraint."));
    }
    return result;
  }

  private static List<Endpoint> fittingContext(List<Endpoint> endpoints, ChatRequest request) {
    int output = request.maxTokens != null ? request.maxTokens : 0;
    List<Endpoint> result = endpoints.stream()
        .filter(e -> (long) request.promptTokens + output <= e.contextLength)
        .toList();
    if (result.isEmpty()) {
      Endpoint largest = endpoints.stream().max(Comparator.comparingInt(e -> e.contextLength)).orElseThrow();
      throw new Refused(Errors.contextTooLong(largest.contextLength, request.promptTokens, output, largest.name()));
    }
    return result;
  }

  /** Even without require_parameters, response_format prefers the providers that support it. */
  private static Predicate<Endpoint> softPreference(ChatRequest request) {
    return e -> !request.hasResponseFormat || e.supports.contains("response_format");
  }

  private List<Endpoint> order(List<Endpoint> endpoints, ProviderPreferences prefs, Predicate<Endpoint> preferred,
      Instant now) {
    List<Endpoint> ordered = new ArrayList<>();
    if (!prefs.order().isEmpty()) {
      for (String slug : prefs.order()) {
        endpoints.stream().filter(e -> e.matches(slug) && !ordered.contains(e)).forEach(ordered::add);
      }
      endpoints.stream().filter(e -> !ordered.contains(e)).sorted(byPrice()).forEach(ordered::add);
      return ordered;
    }
    if (prefs.sort() != null) {
      Comparator<Endpoint> comparator = switch (prefs.sort()) {
        case "throughput" -> Comparator.comparingDouble((Endpoint e) -> -tokensPerSecond(e));
        case "latency" -> Comparator.comparing((Endpoint e) -> e.provider.latency().firstToken());
        default -> byPrice();
      };
      return endpoints.stream().sorted(comparator).toList();
    }
    List<Endpoint> healthy = new ArrayList<>(endpoints.stream().filter(e -> !e.failedRecently(now)).toList());
    if (!healthy.isEmpty()) {
      List<Endpoint> favoured = healthy.stream().filter(preferred).toList();
      Endpoint first = weightedPick(favoured.isEmpty() ? healthy : favoured);
      ordered.add(first);
      healthy.remove(first);
      healthy.stream().sorted(byPrice()).forEach(ordered::add);
    }
    endpoints.stream().filter(e -> e.failedRecently(now)).sorted(byPrice()).forEach(ordered::add);
    return ordered;
  }

  /** Zero tokens per second means the whole completion at once: the fastest there is. */
  private static double tokensPerSecond(Endpoint endpoint) {
    double speed = endpoint.provider.latency().tokensPerSecond();
    return speed == 0 ? Double.POSITIVE_INFINITY : speed;
  }

  private Endpoint weightedPick(List<Endpoint> endpoints) {
    double[] weights = new double[endpoints.size()];
    double total = 0;
    double cheapest = endpoints.stream().mapToDouble(Endpoint::unitPrice).filter(p -> p > 0).min().orElse(1);
    for (int i = 0; i < weights.length; i++) {
      double price = endpoints.get(i).unitPrice();
      // Free endpoints weigh as much as the cheapest paid one; weight falls with the price squared.
      double relative = price > 0 ? price / cheapest : 1;
      weights[i] = 1 / (relative * relative);
      total += weights[i];
    }
    double pick = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      pick -= weights[i];
      if (pick < 0) {
        return endpoints.get(i);
      }
    }
    return endpoints.getLast();
  }

  private static Comparator<Endpoint> byPrice() {
    return Comparator.comparingDouble(Endpoint::unitPrice);
  }

  private static boolean listed(Endpoint endpoint, List<String> slugs) {
    return slugs.stream().anyMatch(endpoint::matches);
  }

  /** No endpoint may serve the request; carries the error OpenRouter sends. */
  static final class Refused extends RuntimeException {
    final transient SimError error;

    Refused(SimError error) {
      super(error.error().get("message").asText(), null, false, false);
      this.error = error;
    }
  }
}
