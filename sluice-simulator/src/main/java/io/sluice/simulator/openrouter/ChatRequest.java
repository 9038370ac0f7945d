package io.sluice.simulator.openrouter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the simulator reads from a chat completion request. Unknown fields are ignored, as
 * OpenRouter does; fields of the wrong type are a 400 naming the field.
 */
final class ChatRequest {

  /** Request fields that count as parameters for {@code provider.require_parameters}. */
  private static final Set<String> PARAMETERS = Set.of("temperature", "top_p", "top_k", "frequency_penalty",
      "presence_penalty", "repetition_penalty", "min_p", "top_a", "seed", "stop", "logit_bias", "logprobs",
      "top_logprobs", "response_format", "tools", "tool_choice", "max_tokens", "parallel_tool_calls",
      "structured_outputs", "reasoning", "include_reasoning");

  private static final int IMAGE_PART_TOKENS = 85;

  final String model;
  final List<String> models;
  final boolean stream;
  final Integer maxTokens;
  final Long seed;
  final boolean hasTools;
  final boolean hasResponseFormat;
  final Set<String> parameters;
  final ProviderPreferences provider;
  final int promptTokens;
  final String promptText;

  private ChatRequest(ObjectNode root) {
    this.model = optionalText(root, "model");
    this.models = stringList(root, "models");
    this.stream = optionalBoolean(root, "stream");
    Integer max = optionalPositiveInt(root, "max_tokens");
    this.maxTokens = max != null ? max : optionalPositiveInt(root, "max_completion_tokens");
    this.seed = root.hasNonNull("seed") ? requireIntegral(root, "seed").longValue() : null;
    this.hasTools = requireArrayOrAbsent(root, "tools");
    this.hasResponseFormat = requireObjectOrAbsent(root, "response_format");
    this.provider = ProviderPreferences.parse(root.get("provider"));
    Set<String> params = new LinkedHashSet<>();
    root.fieldNames().forEachRemaining(name -> {
      if (PARAMETERS.contains(name) && !root.get(name).isNull()) {
        params.add(name);
      }
    });
    this.parameters = Set.copyOf(params);
    StringBuilder text = new StringBuilder();
    this.promptTokens = countPrompt(root, text);
    this.promptText = text.toString();
  }

  /** Parses a request body, or throws {@link Invalid} carrying the 400 to send. */
  static ChatRequest parse(byte[] body) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Invalid("Invalid JSON in request body: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Invalid("Invalid JSON in request body");
    }
    if (root == null || root.isMissingNode()) {
      throw new Invalid("Request body is empty; expected a JSON object");
    }
    if (!root.isObject()) {
      throw new Invalid("Request body must be a JSON object");
    }
    return new ChatRequest((ObjectNode) root);
  }

  /** The models to try in order: {@code model} first, then the {@code models} fallbacks. */
  List<String> candidateModels(String defaultModel) {
    List<String> all = new ArrayList<>();
    if (model != null) {
      all.add(model);
    }
    for (String m : models) {
      if (!all.contains(m)) {
        all.add(m);
      }
    }
    if (all.isEmpty()) {
      all.add(defaultModel);
    }
    return all;
  }

  private static int countPrompt(ObjectNode root, StringBuilder text) {
    JsonNode messages = root.get("messages");
    JsonNode prompt = root.get("prompt");
    if ((messages == null || messages.isNull()) && (prompt == null || prompt.isNull())) {
      throw new Invalid("Input required: specify \"prompt\" or \"messages\"");
    }
    Tokenizer tokenizer = Tokenizer.INSTANCE;
    int tokens = Tokenizer.REPLY_PRIMING;
    if (messages != null && !messages.isNull()) {
      if (!messages.isArray()) {
        throw new Invalid("Invalid request: 'messages' must be an array");
      }
      if (messages.isEmpty()) {
        throw new Invalid("Invalid request: 'messages' must contain at least one message");
      }
      for (int i = 0; i < messages.size(); i++) {
        tokens += Tokenizer.PER_MESSAGE + countMessage(messages.get(i), i, text, tokenizer);
      }
    } else {
      if (!prompt.isTextual()) {
        throw new Invalid("Invalid request: 'prompt' must be a string");
      }
      text.append(prompt.asText());
      tokens += tokenizer.count(prompt.asText());
    }
    JsonNode tools = root.get("tools");
    if (tools != null && tools.isArray()) {
      tokens += tokenizer.count(tools.toString());
    }
    return tokens;
  }

  private static int countMessage(JsonNode message, int index, StringBuilder text, Tokenizer tokenizer) {
    String where = "messages[" + index + "]";
    if (!message.isObject()) {
      throw new Invalid("Invalid request: '" + where + "' must be an object");
    }
    JsonNode role = message.get("role");
    if (role == null || !role.isTextual()) {
      throw new Invalid("Invalid request: '" + where + ".role' is required and must be a string");
    }
    int tokens = tokenizer.count(role.asText());
    JsonNode content = message.get("content");
    if (content == null || content.isNull()) {
      if (!message.has("tool_calls")) {
        throw new Invalid("Invalid request: '" + where + ".content' is required");
      }
      return tokens + tokenizer.count(message.get("tool_calls").toString());
    }
    if (content.isTextual()) {
      text.append(content.asText()).append('\n');
      return tokens + tokenizer.count(content.asText());
    }
    if (!content.isArray()) {
      throw new Invalid("Invalid request: '" + where + ".content' must be a string or an array of parts");
    }
    for (JsonNode part : content) {
      JsonNode partText = part.get("text");
      if (partText != null && partText.isTextual()) {
        text.append(partText.asText()).append('\n');
        tokens += tokenizer.count(partText.asText());
      } else {
        tokens += IMAGE_PART_TOKENS;
      }
    }
    return tokens;
  }

  private static String optionalText(ObjectNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new Invalid("Invalid request: '" + field + "' must be a non-empty string");
    }
    return node.asText();
  }

  private static List<String> stringList(ObjectNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new Invalid("Invalid request: '" + field + "' must be an array of strings");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw new Invalid("Invalid request: '" + field + "' must be an array of strings");
      }
      values.add(item.asText());
    }
    return List.copyOf(values);
  }

  private static boolean optionalBoolean(ObjectNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw new Invalid("Invalid request: '" + field + "' must be a boolean");
    }
    return node.asBoolean();
  }

  private static Integer optionalPositiveInt(ObjectNode root, String field) {
    if (!root.hasNonNull(field)) {
      return null;
    }
    JsonNode node = requireIntegral(root, field);
    if (!node.canConvertToInt() || node.intValue() < 1) {
      throw new Invalid("Invalid request: '" + field + "' must be a positive integer, was " + node);
    }
    return node.intValue();
  }

  private static JsonNode requireIntegral(ObjectNode root, String field) {
    JsonNode node = root.get(field);
    if (!node.isIntegralNumber()) {
      throw new Invalid("Invalid request: '" + field + "' must be an integer, was " + node);
    }
    return node;
  }

  private static boolean requireArrayOrAbsent(ObjectNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isArray()) {
      throw new Invalid("Invalid request: '" + field + "' must be an array");
    }
    return !node.isEmpty();
  }

  private static boolean requireObjectOrAbsent(ObjectNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isObject()) {
      throw new Invalid("Invalid request: '" + field + "' must be an object");
    }
    return true;
  }

  /** A request that fails validation; the message becomes the 400 body. */
  static final class Invalid extends RuntimeException {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The {@code provider} object.
   *
   * @param order providers to try first, in order
   * @param only allow-list
   * @param ignore deny-list
   * @param allowFallbacks whether providers beyond the first (or beyond {@code order}) may be tried
   * @param sort {@code price}, {@code throughput}, {@code latency} or null
   * @param maxPromptPerMillion price ceiling, USD per million prompt tokens, or null
   * @param maxCompletionPerMillion price ceiling, USD per million completion tokens, or null
   * @param requireParameters route only to endpoints supporting every parameter sent
   */
  record ProviderPreferences(List<String> order, List<String> only, List<String> ignore, boolean allowFallbacks,
      String sort, Double maxPromptPerMillion, Double maxCompletionPerMillion, boolean requireParameters) {

    static final ProviderPreferences NONE = new ProviderPreferences(List.of(), List.of(), List.of(), true, null,
        null, null, false);

    static ProviderPreferences parse(JsonNode node) {
      if (node == null || node.isNull()) {
        return NONE;
      }
      if (!node.isObject()) {
        throw new Invalid("Invalid request: 'provider' must be an object");
      }
      ObjectNode p = (ObjectNode) node;
      JsonNode maxPrice = p.get("max_price");
      if (maxPrice != null && !maxPrice.isNull() && !maxPrice.isObject()) {
        throw new Invalid("Invalid request: 'provider.max_price' must be an object");
      }
      return new ProviderPreferences(slugs(p, "order"), slugs(p, "only"), slugs(p, "ignore"),
          !p.has("allow_fallbacks") || flag(p, "allow_fallbacks"), sort(p.get("sort")),
          price(maxPrice, "prompt"), price(maxPrice, "completion"),
          p.has("require_parameters") && flag(p, "require_parameters"));
    }

    private static List<String> slugs(ObjectNode p, String field) {
      List<String> values = stringList(p, field);
      return values.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    private static boolean flag(ObjectNode p, String field) {
      JsonNode node = p.get(field);
      if (!node.isBoolean()) {
        throw new Invalid("Invalid request: 'provider." + field + "' must be a boolean");
      }
      return node.asBoolean();
    }

    private static String sort(JsonNode node) {
      if (node == null || node.isNull()) {
        return null;
      }
      String by = node.isObject() && node.has("by") ? node.get("by").asText() : node.asText();
      if (!Set.of("price", "throughput", "latency").contains(by)) {
        throw new Invalid("Invalid request: 'provider.sort' must be one of price, throughput, latency");
      }
      return by;
    }

    private static Double price(JsonNode maxPrice, String field) {
      if (maxPrice == null || maxPrice.isNull() || !maxPrice.has(field)) {
        return null;
      }
      JsonNode v = maxPrice.get(field);
      if (!v.isNumber() && !(v.isTextual() && v.asText().matches("\\d+(\\.\\d+)?"))) {
        throw new Invalid("Invalid request: 'provider.max_price." + field + "' must be a number");
      }
      return v.asDouble();
    }
  }
}
