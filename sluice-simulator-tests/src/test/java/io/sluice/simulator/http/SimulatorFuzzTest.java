package io.sluice.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.simulator.scenario.ModelSpec;
import io.sluice.simulator.scenario.Scenario;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.HttpTester.SseEvent;
import io.sluice.testing.SimulatorExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seeded, bounded fuzzing of {@code POST /api/v1/chat/completions} over real HTTP: random values at
 * every field the simulator reads, structural mutations of valid bodies, random bytes and wrong
 * content types. Whatever arrives, the simulator never answers 5xx, every refusal is an
 * OpenRouter error body, every 200 is a well-formed completion or stream, it still serves a plain
 * request afterwards, and {@code /sim/stats} counted exactly the authenticated requests.
 */
class SimulatorFuzzTest {

  private static final String SCENARIO = """
      name: fuzz
      seed: 5
      platform:
        free-requests-per-minute: 1000000
        free-requests-per-day: 1000000
        free-requests-per-day-after-purchase: 1000000
        max-request-bytes: 262144
      streaming: {tokens-per-chunk: 3}
      accounts:
        - id: acct-fuzz
          credits: 1000000
          purchased: 1000000
          keys:
            - {key: sk-or-v1-fuzz-0001, label: fuzz}
      models:
        - id: vendor/paid
          context-length: 4096
          max-completion-tokens: 256
          pricing: {prompt: 0.000001, completion: 0.000002}
          completion: {min: 4, max: 24}
          providers:
            - name: Alpha
              latency: {first-token: 300ms, tokens-per-second: 50}
            - name: Beta Cloud
              pricing: {prompt: 0.000002, completion: 0.000004}
              supports: [max_tokens, seed]
        - id: vendor/free:free
          context-length: 2048
          completion: {min: 2, max: 12}
          providers:
            - name: Gamma
        - id: vendor/moderated
          moderated: true
          context-length: 8192
          pricing: {prompt: 0.000001, completion: 0.000001}
          completion: {min: 2, max: 12}
          providers:
            - name: Delta
      """;
  private static final Scenario FUZZ = Scenarios.parse(SCENARIO, "fuzz scenario");

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.of(FUZZ).autoAdvancing();

  private static final String PATH = "/api/v1/chat/completions";
  private static final String KEY = "sk-or-v1-fuzz-0001";
  private static final int MAX_REQUEST_BYTES = 262_144;
  private static final String NORMAL = """
      {"model":"vendor/paid","messages":[{"role":"user","content":"Say hello"}]}""";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final Map<String, Integer> CONTEXT = FUZZ.models().stream()
      .collect(Collectors.toMap(ModelSpec::id, ModelSpec::contextLength));
  private static final List<String> MODELS = FUZZ.models().stream().map(ModelSpec::id).toList();
  private static final List<String> PROVIDER_SLUGS = List.of("alpha", "beta-cloud", "Beta Cloud", "gamma", "delta",
      "nobody");
  private static final List<String> FIELDS = List.of("model", "models", "messages", "messages[0]",
      "messages[0].role", "messages[0].content", "messages[0].content[0]", "messages[1].content", "max_tokens",
      "max_completion_tokens", "stream", "provider", "provider.order", "provider.only", "provider.ignore",
      "provider.allow_fallbacks", "provider.sort", "provider.max_price", "provider.max_price.prompt",
      "provider.max_price.completion", "provider.require_parameters", "tools", "response_format", "seed", "prompt",
      "temperature");
  private static final List<String> STRINGS = List.of("", " ", "\t\n", "user", "assistant", "system", "tool",
      "vendor/paid", "vendor/free:free", "vendor/moderated", "vendor/unknown", "alpha", "beta-cloud", "price",
      "latency", "throughput", "sim:flag", "please sim:flag this", "héllo wörld", "中文字符", "😀🚀", "\u0000",
      "\ud800", "\udfff lone", "\u202eRTL", "NaN", "null", "true", "-1", "1e999", "\\u0000", "</script>",
      "' OR 1=1 --", "%s%n%x", "${jndi:ldap://x}", "a\"b\\c");

  /** Every request sent with a valid key, which {@code /sim/stats} must count as an attempt. */
  private long authenticated;
  private int cases;
  private int successes;
  private int streams;
  private SplittableRandom random;

  // ---- the fuzz runs ------------------------------------------------------------------------

  @Test
  void randomValuesAtEveryKnownFieldNeverBreakTheSimulator() {
    random = new SplittableRandom(20_261_123L);
    for (int i = 0; i < 1_200; i++) {
      ObjectNode body = plausibleRequest();
      int changes = 1 + random.nextInt(3);
      for (int c = 0; c < changes; c++) {
        String field = pick(FIELDS);
        set(body, field, random.nextInt(3) == 0 ? plausibleValue(field) : randomValue(3));
      }
      send("field values", bytes(body), "application/json", Auth.VALID, "POST");
    }

    assertSimulatorStillHealthy();
    assertThat(successes).as("served completions among %d cases", cases).isGreaterThan(cases / 10);
    assertThat(streams).as("served streams among %d cases", cases).isGreaterThan(cases / 40);
  }

  @Test
  void structuralMutationsOfValidBodiesNeverBreakTheSimulator() {
    random = new SplittableRandom(7_770_001L);
    for (int i = 0; i < 1_000; i++) {
      byte[] body = bytes(plausibleRequest());
      int mutations = 1 + random.nextInt(2);
      for (int m = 0; m < mutations; m++) {
        body = mutate(body);
      }
      send("mutation", body, "application/json", Auth.VALID, "POST");
    }

    assertSimulatorStillHealthy();
    assertThat(successes).as("served completions among %d cases", cases).isGreaterThan(cases / 20);
  }

  @Test
  void hugeStringsAreServedOrRefusedWithoutHarm() {
    random = new SplittableRandom(99L);
    int[] sizes = {8_000, 40_000, 120_000, 200_000, MAX_REQUEST_BYTES - 200, MAX_REQUEST_BYTES + 1, 400_000};
    for (int size : sizes) {
      for (String filler : List.of("a", "ab1 ", "é中😀")) {
        ObjectNode body = plausibleRequest();
        ((ObjectNode) body.withArray("messages").get(0)).put("content", repeat(filler, size));
        send("huge string", bytes(body), "application/json", Auth.VALID, "POST");
      }
      ObjectNode body = plausibleRequest();
      body.put("model", repeat("m", size / 4));
      send("huge model id", bytes(body), "application/json", Auth.VALID, "POST");
    }

    assertSimulatorStillHealthy();
  }

  @Test
  void randomBytesEmptyBodiesWrongContentTypesAndBadCredentialsNeverBreakTheSimulator() {
    random = new SplittableRandom(424_242L);
    List<Supplier<byte[]>> bodies = List.of(
        () -> randomBytes(random.nextInt(4_096)),
        () -> new byte[0],
        () -> " \n\t ".getBytes(StandardCharsets.US_ASCII),
        () -> pick(List.of("null", "[]", "{}", "0", "\"\"", "true", "[{}]", "{\"messages\":[]}"))
            .getBytes(StandardCharsets.UTF_8),
        () -> bytes(plausibleRequest()),
        () -> mutate(bytes(plausibleRequest())));
    List<String> contentTypes = Arrays.asList(null, "application/json", "text/plain", "application/octet-stream",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "application/json; charset=utf-16",
        "application/json; charset=nonsense", "*/*", "text/event-stream", ";;;");
    for (int i = 0; i < 600; i++) {
      Auth auth = random.nextInt(6) == 0 ? pick(List.of(Auth.values())) : Auth.VALID;
      String method = random.nextInt(12) == 0 ? pick(List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS")) : "POST";
      send("raw", pick(bodies).get(), pick(contentTypes), auth, method);
    }

    assertSimulatorStillHealthy();
  }

  // ---- regressions the fuzzing found --------------------------------------------------------

  @Test
  void maxTokensAtTheIntegerLimitIsRefusedForContextLengthInsteadOfOverflowing() {
    String body = """
        {"model":"vendor/free:free","max_tokens":2147483647,"messages":[{"role":"user","content":"hi"}]}""";

    Reply reply = SIM.http().post(PATH, KEY, body);

    assertThat(reply.status()).isEqualTo(400);
    String message = reply.json().at("/error/message").asText();
    assertThat(message).contains("maximum context length is 2048 tokens").doesNotContain("about -");
  }

  @Test
  void loneSurrogatesInTheTextAreCountedNotAServerError() {
    String body = """
        {"model":"vendor/paid","messages":[{"role":"user","content":"half a pair \\ud83d and \\ude00"}]}""";

    Reply reply = SIM.http().post(PATH, KEY, body);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().at("/usage/prompt_tokens").asInt()).isPositive();
  }

  @Test
  void aValidBodyFollowedByGarbageIsNotJson() {
    Reply reply = SIM.http().post(PATH, KEY, NORMAL + " trailing");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/error/message").asText()).startsWith("Invalid JSON in request body");
  }

  // ---- sending and checking -----------------------------------------------------------------

  private enum Auth { VALID, LOWER_CASE_SCHEME, NONE, EMPTY_BEARER, BASIC, UNKNOWN_KEY }

  private void send(String what, byte[] body, String contentType, Auth auth, String method) {
    cases++;
    HttpRequest.Builder request = HttpRequest.newBuilder(SIM.simulator().baseUri().resolve(PATH))
        .timeout(Duration.ofSeconds(30))
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    String authorization = switch (auth) {
      case VALID -> "Bearer " + KEY;
      case LOWER_CASE_SCHEME -> "bearer " + KEY;
      case NONE -> null;
      case EMPTY_BEARER -> "Bearer ";
      case BASIC -> "Basic " + KEY;
      case UNKNOWN_KEY -> "Bearer sk-or-v1-nobody";
    };
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    boolean counts = method.equals("POST") && (auth == Auth.VALID || auth == Auth.LOWER_CASE_SCHEME);
    if (counts) {
      authenticated++;
    }
    Reply reply = exchange(request.build(), body);
    if (reply == null) {
      assertThat(body.length).as("only an over-limit upload may be cut off before its answer")
          .isGreaterThan(MAX_REQUEST_BYTES);
      return;
    }
    try {
      check(body, reply);
    } catch (AssertionError e) {
      throw new AssertionError("case " + cases + " (" + what + ", " + method + ", " + auth + ", " + contentType
          + ")\n  request: " + snippet(new String(body, StandardCharsets.UTF_8)) + "\n  reply:   " + reply.status()
          + " " + snippet(reply.body()) + "\n  " + e.getMessage(), e);
    }
  }

  /**
   * The reply, or null when the connection broke before it came: allowed only for a body over the
   * limit, which the simulator refuses (413, {@code Connection: close}) while the client still sends.
   */
  private static Reply exchange(HttpRequest request, byte[] body) {
    try {
      HttpResponse<String> response = SIM.http().client().send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      if (body.length > MAX_REQUEST_BYTES) {
        return null;
      }
      throw new UncheckedIOException("no answer to " + snippet(new String(body, StandardCharsets.UTF_8)), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void check(byte[] sent, Reply reply) {
    assertThat(reply.status()).as("status").satisfiesAnyOf(
        s -> assertThat(s).isEqualTo(200),
        s -> assertThat(s).isBetween(400, 499));
    if (reply.status() != 200) {
      assertErrorBody(reply);
      return;
    }
    successes++;
    JsonNode request = strictObject(sent);
    assertThat(request).as("a served request is a JSON object").isNotNull();
    boolean stream = request.path("stream").isBoolean() && request.get("stream").asBoolean();
    if (stream) {
      streams++;
      assertStream(request, reply);
    } else {
      assertCompletion(request, reply);
    }
  }

  private static void assertErrorBody(Reply reply) {
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    JsonNode error = reply.json().get("error");
    assertThat(error).as("error object").isNotNull();
    assertThat(error.get("code").isInt()).as("error.code is an integer").isTrue();
    assertThat(error.get("code").asInt()).isEqualTo(reply.status());
    assertThat(error.get("message").isTextual()).as("error.message is a string").isTrue();
    assertThat(error.get("message").asText()).isNotBlank();
  }

  private static void assertCompletion(JsonNode request, Reply reply) {
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    JsonNode json = reply.json();
    assertThat(json.path("object").asText()).isEqualTo("chat.completion");
    assertThat(json.path("id").asText()).matches("gen-\\d+-[A-Za-z0-9]{20}");
    assertThat(reply.header("X-Generation-Id")).isEqualTo(json.path("id").asText());
    assertThat(json.path("model").asText()).isIn(MODELS);
    JsonNode choice = json.path("choices").path(0);
    assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
    assertThat(choice.path("message").path("content").isTextual()).isTrue();
    assertThat(choice.path("finish_reason").asText()).isIn("stop", "length");
    assertUsage(request, json.path("model").asText(), json.path("usage"));
  }

  private static void assertStream(JsonNode request, Reply reply) {
    assertThat(reply.header("Content-Type")).startsWith("text/event-stream");
    List<SseEvent> events = reply.events();
    assertThat(events).isNotEmpty();
    assertThat(events.getFirst().comment()).isTrue();
    assertThat(events.getLast().done()).as("ends with [DONE]").isTrue();
    List<JsonNode> chunks = events.stream().filter(e -> !e.comment() && !e.done()).map(SseEvent::json).toList();
    assertThat(chunks).hasSizeGreaterThanOrEqualTo(3);
    String id = reply.header("X-Generation-Id");
    for (JsonNode chunk : chunks) {
      assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
      assertThat(chunk.path("id").asText()).isEqualTo(id);
      assertThat(chunk.path("model").asText()).isIn(MODELS);
    }
    assertThat(chunks).anySatisfy(c -> assertThat(c.path("choices").path(0).path("finish_reason").asText())
        .isIn("stop", "length"));
    JsonNode last = chunks.getLast();
    assertUsage(request, last.path("model").asText(), last.path("usage"));
  }

  /** Token arithmetic, and the request fit the served model's context, whatever max_tokens said. */
  private static void assertUsage(JsonNode request, String model, JsonNode usage) {
    long prompt = usage.path("prompt_tokens").asLong(-1);
    long completion = usage.path("completion_tokens").asLong(-1);
    assertThat(prompt).isPositive();
    assertThat(completion).isNotNegative();
    assertThat(usage.path("total_tokens").asLong()).isEqualTo(prompt + completion);
    JsonNode max = request.hasNonNull("max_tokens") ? request.get("max_tokens") : request.get("max_completion_tokens");
    if (max != null && max.isIntegralNumber()) {
      assertThat(completion).as("completion within max_tokens").isLessThanOrEqualTo(max.longValue());
      assertThat(prompt + max.longValue()).as("prompt plus max_tokens within the context of " + model)
          .isLessThanOrEqualTo(CONTEXT.get(model));
    }
  }

  private void assertSimulatorStillHealthy() {
    Reply normal = SIM.http().post(PATH, KEY, NORMAL);
    assertThat(normal.status()).isEqualTo(200);
    assertThat(normal.json().path("choices").path(0).path("message").path("content").asText()).isNotBlank();
    Reply stats = SIM.http().get("/sim/stats", null);
    assertThat(stats.status()).isEqualTo(200);
    assertThat(stats.json().at("/keys/fuzz/attempts").asLong()).isEqualTo(authenticated + 1);
  }

  // ---- generating requests ------------------------------------------------------------------

  private ObjectNode plausibleRequest() {
    ObjectNode body = NODES.objectNode();
    if (random.nextInt(8) != 0) {
      body.put("model", pick(MODELS));
    }
    body.set("messages", plausibleValue("messages"));
    if (random.nextInt(4) == 0) {
      body.put("stream", true);
    }
    for (String field : List.of("max_tokens", "stream", "provider", "tools", "response_format", "seed", "models")) {
      if (random.nextInt(6) == 0) {
        body.set(field, plausibleValue(field));
      }
    }
    return body;
  }

  /** A value OpenRouter would accept at {@code field}, mostly. */
  private JsonNode plausibleValue(String field) {
    String leaf = field.substring(field.lastIndexOf('.') + 1).replaceAll("\\[\\d+]", "");
    return switch (leaf) {
      case "model" -> NODES.textNode(pick(MODELS));
      case "models" -> strings(1 + random.nextInt(4), MODELS);
      case "messages" -> {
        ArrayNode messages = NODES.arrayNode();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
          messages.add(NODES.objectNode().put("role", pick(List.of("system", "user", "assistant")))
              .set("content", plausibleValue("content")));
        }
        yield messages;
      }
      case "role" -> NODES.textNode(pick(List.of("system", "user", "assistant", "tool")));
      case "content" -> random.nextInt(4) == 0
          ? NODES.arrayNode().add(NODES.objectNode().put("type", "text").put("text", pick(STRINGS)))
              .add(NODES.objectNode().put("type", "image_url").set("image_url",
                  NODES.objectNode().put("url", "https://example.invalid/cat.png")))
          : NODES.textNode(pick(STRINGS) + " " + pick(STRINGS));
      case "max_tokens", "max_completion_tokens" -> NODES.numberNode(pick(List.of(
          1, 2, 16, 100, 255, 256, 300, 2000, 5000, Integer.MAX_VALUE)));
      case "stream", "allow_fallbacks", "require_parameters" -> NODES.booleanNode(random.nextBoolean());
      case "provider" -> {
        ObjectNode provider = NODES.objectNode();
        for (String sub : List.of("order", "only", "ignore", "allow_fallbacks", "sort", "max_price",
            "require_parameters")) {
          if (random.nextInt(3) == 0) {
            provider.set(sub, plausibleValue(sub));
          }
        }
        yield provider;
      }
      case "order", "only", "ignore" -> strings(random.nextInt(3), PROVIDER_SLUGS);
      case "sort" -> random.nextBoolean()
          ? NODES.textNode(pick(List.of("price", "throughput", "latency")))
          : NODES.objectNode().put("by", pick(List.of("price", "throughput", "latency")));
      case "max_price" -> NODES.objectNode().set("prompt", plausibleValue("max_price.prompt"));
      case "prompt" -> field.contains("max_price")
          ? NODES.numberNode(pick(List.of(0.5, 1.0, 2.0, 10.0)))
          : NODES.textNode(pick(STRINGS));
      case "completion" -> NODES.numberNode(pick(List.of(1.0, 3.0, 5.0)));
      case "tools" -> NODES.arrayNode().add(NODES.objectNode().put("type", "function").set("function",
          NODES.objectNode().put("name", "lookup").set("parameters", NODES.objectNode())));
      case "response_format" -> NODES.objectNode().put("type", "json_object");
      case "seed" -> NODES.numberNode(random.nextLong());
      case "temperature" -> NODES.numberNode(random.nextDouble() * 2);
      default -> randomValue(2);
    };
  }

  /** Any JSON value: every type, edge numbers, odd strings, nested containers. */
  private JsonNode randomValue(int depth) {
    int kind = random.nextInt(depth > 0 ? 9 : 7);
    return switch (kind) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(pick(List.of(0, 1, -1, 3, Integer.MAX_VALUE, Integer.MIN_VALUE)));
      case 3 -> random.nextBoolean()
          ? NODES.numberNode(pick(List.of(Long.MAX_VALUE, Long.MIN_VALUE, 4_294_967_296L)))
          : NODES.numberNode(pick(List.of(BigInteger.TWO.pow(64), BigInteger.TEN.pow(40).negate())));
      case 4 -> NODES.numberNode(pick(List.of(0.5, -0.0, 1e308, -1e308, 4.9e-324, 3.0, 1.0000000001)));
      case 5 -> NODES.textNode(pick(STRINGS));
      case 6 -> NODES.textNode(randomText(random.nextInt(24)));
      case 7 -> {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0, n = random.nextInt(4); i < n; i++) {
          array.add(randomValue(depth - 1));
        }
        yield array;
      }
      default -> {
        ObjectNode object = NODES.objectNode();
        for (int i = 0, n = random.nextInt(4); i < n; i++) {
          object.set(random.nextBoolean() ? pick(FIELDS) : randomText(4), randomValue(depth - 1));
        }
        yield object;
      }
    };
  }

  /** Sets {@code path} (such as {@code provider.max_price.prompt} or {@code messages[0].role}), making parents. */
  private static void set(ObjectNode body, String path, JsonNode value) {
    String[] steps = path.split("\\.");
    JsonNode parent = body;
    for (int i = 0; i < steps.length; i++) {
      String name = steps[i].replaceAll("\\[\\d+]", "");
      int index = steps[i].contains("[") ? Integer.parseInt(steps[i].replaceAll(".*\\[(\\d+)]", "$1")) : -1;
      boolean last = i == steps.length - 1;
      if (!(parent instanceof ObjectNode object)) {
        return;
      }
      if (index < 0) {
        if (last) {
          object.set(name, value);
          return;
        }
        if (!(object.get(name) instanceof ObjectNode)) {
          object.set(name, NODES.objectNode());
        }
        parent = object.get(name);
        continue;
      }
      if (!(object.get(name) instanceof ArrayNode)) {
        object.set(name, NODES.arrayNode());
      }
      ArrayNode array = (ArrayNode) object.get(name);
      while (array.size() <= index) {
        array.add(NODES.objectNode().put("role", "user").put("content", "padding"));
      }
      if (last) {
        array.set(index, value);
        return;
      }
      parent = array.get(index);
    }
  }

  // ---- mutating bodies ----------------------------------------------------------------------

  private static final List<String> ODD_TOKENS = List.of("NaN", "-NaN", "Infinity", "-Infinity", "undefined",
      "1e99999", "-1e99999", "-0", "01", "0x1F", ".5", "1.", "+1", "1e", "--1", "\"\\u\"", "\"\\uZZZZ\"", "\"\\x41\"",
      "true1", "nul", "tru", "'single'", "\"unterminated", "[", "{", "]", "}", "", ",", ":", "\"a\":1",
      "1".repeat(1_200), "0." + "5".repeat(1_200), "\"\\ud800\"", "\"\\udc00\\ud800\"");
  private static final List<String> TRAILERS = List.of(" garbage", "}", "]", ",", "{}", "\u0000", "\n\n" + NORMAL,
      " // comment", "\r\n\r\nGET / HTTP/1.1\r\n\r\n", "\"\"", "null", "\ufeff");

  private byte[] mutate(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return switch (random.nextInt(16)) {
      case 0 -> withoutRandomKey(body);
      case 1 -> utf8(duplicateKey(text));
      case 2 -> utf8(replaceValue(text, nested(pick(List.of(2, 64, 999, 1_000, 1_001, 5_000, 30_000)))));
      case 3 -> utf8(replaceValue(text, "\"" + randomText(random.nextInt(1, 2_000)).replace("\\", "\\\\")
          .replace("\"", "\\\"") + "\""));
      case 4 -> insertBytes(body, pick(List.of(
          new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAF},
          new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80,
              (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {0})));
      case 5 -> utf8(replaceValue(text, pick(ODD_TOKENS)));
      case 6 -> utf8(text + pick(TRAILERS));
      case 7 -> Arrays.copyOf(body, random.nextInt(body.length + 1));
      case 8 -> flipBytes(body);
      case 9 -> utf8(pick(List.of("/* c */", "// c\n", "\ufeff", "   \n\t")) + text.replaceFirst("\":", "\" /* x */ :"));
      case 10 -> utf8(text.replace('"', '\''));
      case 11 -> text.getBytes(pick(List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE,
          StandardCharsets.UTF_16, Charset.forName("UTF-32"), StandardCharsets.ISO_8859_1)));
      case 12 -> utf8(pick(List.of("[" + text + "]", JSON.valueToTree(text).toString(), "{\"body\":" + text + "}")));
      case 13 -> utf8(manyKeys(text));
      case 14 -> utf8(text.replaceFirst("\"(\\w+)\":", Matcher.quoteReplacement(longKey())));
      default -> utf8(replaceValue(text, randomValue(4).toString()));
    };
  }

  private byte[] withoutRandomKey(byte[] body) {
    if (!(strictObject(body) instanceof ObjectNode tree)) {
      return body;
    }
    List<String> names = new ArrayList<>();
    tree.fieldNames().forEachRemaining(names::add);
    if (!names.isEmpty()) {
      tree.remove(pick(names));
    }
    return bytes(tree);
  }

  private String duplicateKey(String text) {
    String key = "\"" + pick(List.of("model", "messages", "stream", "max_tokens", "provider", "seed")) + "\":";
    String value = random.nextBoolean() ? randomValue(2).toString() : plausibleValue(key.replace("\"", "")
        .replace(":", "")).toString();
    return random.nextBoolean()
        ? "{" + key + value + "," + text.substring(1)
        : text.substring(0, text.length() - 1) + "," + key + value + "}";
  }

  /** Replaces the value of one random top-level field with raw text. */
  private String replaceValue(String text, String raw) {
    List<Integer> colons = new ArrayList<>();
    for (int i = text.indexOf("\":"); i >= 0; i = text.indexOf("\":", i + 1)) {
      colons.add(i + 2);
    }
    if (colons.isEmpty()) {
      return text + raw;
    }
    int at = pick(colons);
    int end = valueEnd(text, at);
    return text.substring(0, at) + raw + text.substring(end);
  }

  /** Where the JSON value starting at {@code from} ends (a rough scan, good enough for our own output). */
  private static int valueEnd(String text, int from) {
    int depth = 0;
    boolean inString = false;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          return i;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        return i;
      }
    }
    return text.length();
  }

  private String longKey() {
    return "\"" + randomText(random.nextInt(1, 400)).replace("\\", "").replace("\"", "") + "\":";
  }

  private String nested(int depth) {
    boolean arrays = random.nextBoolean();
    return (arrays ? "[" : "{\"a\":").repeat(depth) + "1" + (arrays ? "]" : "}").repeat(depth);
  }

  private String manyKeys(String text) {
    StringBuilder keys = new StringBuilder("{");
    for (int i = 0, n = pick(List.of(100, 5_000, 20_000)); i < n; i++) {
      keys.append("\"k").append(i).append("\":").append(i).append(',');
    }
    return keys + text.substring(1);
  }

  private byte[] insertBytes(byte[] body, byte[] inserted) {
    int at = random.nextInt(body.length + 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(body, 0, at);
    out.writeBytes(inserted);
    out.write(body, at, body.length - at);
    return out.toByteArray();
  }

  private byte[] flipBytes(byte[] body) {
    byte[] flipped = body.clone();
    for (int i = 0, n = 1 + random.nextInt(4); i < n && flipped.length > 0; i++) {
      flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
    }
    return flipped;
  }

  // ---- small helpers ------------------------------------------------------------------------

  private String randomText(int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(switch (random.nextInt(6)) {
        case 0 -> random.nextInt(0x20);
        case 1 -> 0xD800 + random.nextInt(0x800);
        case 2 -> random.nextInt(0x80, 0x800);
        case 3 -> random.nextInt(0x1F300, 0x1FAFF);
        default -> random.nextInt(0x20, 0x7F);
      });
    }
    return text.toString();
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private ArrayNode strings(int count, List<String> from) {
    ArrayNode array = NODES.arrayNode();
    for (int i = 0; i < count; i++) {
      array.add(pick(from));
    }
    return array;
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static String repeat(String filler, int chars) {
    String text = filler.repeat(chars / filler.length() + 1).substring(0, chars);
    return Character.isHighSurrogate(text.charAt(chars - 1)) ? text.substring(0, chars - 1) : text;
  }

  private static JsonNode strictObject(byte[] body) {
    try {
      JsonNode tree = STRICT.readTree(body);
      return tree != null && tree.isObject() ? tree : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String snippet(String text) {
    String flat = text.replace("\n", "\\n").replace("\r", "\\r");
    return flat.length() <= 400 ? flat : flat.substring(0, 300) + "...(" + flat.length() + " chars)..."
        + flat.substring(flat.length() - 80);
  }
}
