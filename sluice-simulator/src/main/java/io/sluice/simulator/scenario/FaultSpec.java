package io.sluice.simulator.scenario;

import static io.sluice.simulator.scenario.Checks.orDefault;
import static io.sluice.simulator.scenario.Checks.require;

import java.time.Duration;
import java.util.Set;

/**
 * A fault: what goes wrong, to which requests, when, and how often. Faults compose: every
 * matching routing fault makes its provider fail the attempt (OpenRouter then tries the next
 * provider), and every matching delivery fault shapes the response of the provider that served.
 *
 * <p>Routing faults: {@code outage} (502, or {@code status}), {@code rate-limit} (429
 * "temporarily rate-limited upstream"), {@code error} (any {@code status} and {@code message}).
 * Delivery faults: {@code slow-first-token}, {@code stall}, {@code reset-before-headers},
 * {@code reset-mid-body}, {@code truncated-body}, {@code malformed-json}, {@code hang},
 * {@code error-in-body}, {@code mid-stream-error}.
 *
 * @param type one of the types above
 * @param model only requests for this model id; any when absent
 * @param provider only this provider; any when absent
 * @param key only requests with this key (its label or the key itself); any when absent
 * @param stream only streaming (true) or non-streaming (false) requests; both when absent
 * @param from start of the window, simulated time since the simulator started
 * @param until end of the window (exclusive); open when absent
 * @param probability chance that a matching request is hit, 1 when absent
 * @param status HTTP status (or error code) the fault reports
 * @param message error message the fault reports
 * @param retryAfter {@code Retry-After} sent with a rate-limit fault
 * @param delay how long a slow first token (10 s when absent), stall or hang lasts; a stall or hang without
 *     one lasts until the client leaves
 * @param afterChunks for streams: content chunks sent before the fault strikes
 * @param afterBytes for plain responses: body bytes sent before the fault strikes
 * @param form variant: rate-limit {@code raw|message|docs}; error-in-body {@code top-level|choices};
 *     mid-stream-error {@code with-choices|no-choices|string-code}
 */
public record FaultSpec(
    String type,
    String model,
    String provider,
    String key,
    Boolean stream,
    Duration from,
    Duration until,
    Double probability,
    Integer status,
    String message,
    Duration retryAfter,
    Duration delay,
    Integer afterChunks,
    Integer afterBytes,
    String form) {

  /** How late the first token of a {@code slow-first-token} fault comes when no delay is given. */
  public static final Duration DEFAULT_SLOW_FIRST_TOKEN = Duration.ofSeconds(10);

  public static final Set<String> ROUTING_TYPES = Set.of("outage", "rate-limit", "error");
  public static final Set<String> DELIVERY_TYPES = Set.of("slow-first-token", "stall", "reset-before-headers",
      "reset-mid-body", "truncated-body", "malformed-json", "hang", "error-in-body", "mid-stream-error");

  public FaultSpec {
    require(type != null, "faults[].type is required");
    require(ROUTING_TYPES.contains(type) || DELIVERY_TYPES.contains(type),
        "faults[].type '" + type + "' is not one of " + new java.util.TreeSet<>(union()));
    from = orDefault(from, Duration.ZERO);
    require(!from.isNegative(), "faults[" + type + "].from must not be negative, was " + from);
    require(delay == null || !delay.isNegative(), "faults[" + type + "].delay must not be negative, was " + delay);
    require(retryAfter == null || !retryAfter.isNegative(),
        "faults[" + type + "].retry-after must not be negative, was " + retryAfter);
    require(until == null || until.compareTo(from) > 0, "faults[" + type + "].until must be after from");
    probability = Checks.probability(probability, 1, "faults[" + type + "].probability");
    require(status == null || (status >= 100 && status <= 599), "faults[" + type + "].status must be an HTTP status, was " + status);
    require(afterChunks == null || afterChunks >= 0, "faults[" + type + "].after-chunks must be >= 0");
    require(afterBytes == null || afterBytes >= 0, "faults[" + type + "].after-bytes must be >= 0");
    if (type.equals("slow-first-token") && delay == null) {
      delay = DEFAULT_SLOW_FIRST_TOKEN;
    }
    require(form == null || formsOf(type).contains(form),
        "faults[" + type + "].form must be one of " + formsOf(type) + ", was '" + form + "'");
  }

  /** A fault of {@code type} on every matching request, with nothing else set. */
  public static FaultSpec of(String type) {
    return new FaultSpec(type, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public boolean isRouting() {
    return ROUTING_TYPES.contains(type);
  }

  public FaultSpec forModel(String modelId) {
    return edit(d -> d.model = modelId);
  }

  public FaultSpec forProvider(String providerName) {
    return edit(d -> d.provider = providerName);
  }

  public FaultSpec during(Duration start, Duration end) {
    return edit(d -> {
      d.from = start;
      d.until = end;
    });
  }

  public FaultSpec withDelay(Duration value) {
    return edit(d -> d.delay = value);
  }

  public FaultSpec afterChunks(int chunks) {
    return edit(d -> d.afterChunks = chunks);
  }

  public FaultSpec withForm(String variant) {
    return edit(d -> d.form = variant);
  }

  public FaultSpec withStatus(int code, String text) {
    return edit(d -> {
      d.status = code;
      d.message = text;
    });
  }

  public FaultSpec withRetryAfter(Duration value) {
    return edit(d -> d.retryAfter = value);
  }

  public FaultSpec withProbability(double p) {
    return edit(d -> d.probability = p);
  }

  /** A copy with {@code change} applied, validated like any other. */
  private FaultSpec edit(java.util.function.Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.build();
  }

  /** The fields of a fault being derived from another. */
  private static final class Draft {
    final String type;
    String model;
    String provider;
    final String key;
    final Boolean stream;
    Duration from;
    Duration until;
    Double probability;
    Integer status;
    String message;
    Duration retryAfter;
    Duration delay;
    Integer afterChunks;
    final Integer afterBytes;
    String form;

    Draft(FaultSpec f) {
      type = f.type;
      model = f.model;
      provider = f.provider;
      key = f.key;
      stream = f.stream;
      from = f.from;
      until = f.until;
      probability = f.probability;
      status = f.status;
      message = f.message;
      retryAfter = f.retryAfter;
      delay = f.delay;
      afterChunks = f.afterChunks;
      afterBytes = f.afterBytes;
      form = f.form;
    }

    FaultSpec build() {
      return new FaultSpec(type, model, provider, key, stream, from, until, probability, status, message,
          retryAfter, delay, afterChunks, afterBytes, form);
    }
  }

  private static Set<String> formsOf(String type) {
    return switch (type) {
      case "rate-limit" -> Set.of("raw", "message", "docs");
      case "error-in-body" -> Set.of("top-level", "choices");
      case "mid-stream-error" -> Set.of("with-choices", "no-choices", "string-code");
      default -> Set.of();
    };
  }

  private static Set<String> union() {
    var all = new java.util.HashSet<>(ROUTING_TYPES);
    all.addAll(DELIVERY_TYPES);
    return all;
  }
}
