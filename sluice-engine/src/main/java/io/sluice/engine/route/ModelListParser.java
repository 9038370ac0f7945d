package io.sluice.engine.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of OpenRouter's {@code GET /api/v1/models} ({@code {"data":[Model…]}}) into {@link
 * ModelInfo}s. Lenient where the upstream is: prices are strings of USD per token (numbers are
 * accepted too), the context length falls back to {@code top_provider.context_length}, and an item
 * without an id is skipped rather than failing the whole catalog. Everything else in an item is
 * ignored.
 */
public final class ModelListParser {

  // Exact decimals: a price of 0.0000006 must stay that, not its nearest double.
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private ModelListParser() {}

  /**
   * The models of a {@code /models} body, in the body's order.
   *
   * @throws IllegalArgumentException if the body is not JSON or has no {@code data} array
   */
  public static List<ModelInfo> parse(byte[] body) {
    JsonNode data = root(body).path("data");
    if (!data.isArray()) {
      throw new IllegalArgumentException("a /models body has a \"data\" array; this one has none");
    }
    List<ModelInfo> models = new ArrayList<>(data.size());
    for (JsonNode item : data) {
      String id = item.path("id").isTextual() ? item.path("id").asText().trim() : "";
      if (!id.isEmpty()) {
        models.add(new ModelInfo(id, contextLength(item), price(item.path("pricing").path("prompt")),
            price(item.path("pricing").path("completion")), parameters(item.path("supported_parameters"))));
      }
    }
    return List.copyOf(models);
  }

  /** The models by id, as {@link Planner#candidates} takes them; of two items with one id, the first. */
  public static Map<String, ModelInfo> byId(List<ModelInfo> models) {
    Map<String, ModelInfo> byId = new LinkedHashMap<>();
    models.forEach(model -> byId.putIfAbsent(model.id(), model));
    return Collections.unmodifiableMap(byId);
  }

  private static JsonNode root(byte[] body) {
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a /models body must be JSON; this one is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("a /models body could not be read", e);
    }
  }

  private static int contextLength(JsonNode item) {
    int own = count(item.path("context_length"));
    return own > 0 ? own : count(item.path("top_provider").path("context_length"));
  }

  private static int count(JsonNode node) {
    BigDecimal value = decimal(node);
    if (value == null || value.signum() <= 0) {
      return 0;
    }
    return value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) >= 0 ? Integer.MAX_VALUE : value.intValue();
  }

  /** USD per token; null when absent, unreadable or negative ({@code "-1"} marks a variable price). */
  private static BigDecimal price(JsonNode node) {
    BigDecimal value = decimal(node);
    return value == null || value.signum() < 0 ? null : value;
  }

  private static BigDecimal decimal(JsonNode node) {
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (!node.isTextual()) {
      return null;
    }
    try {
      return new BigDecimal(node.asText().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Set<String> parameters(JsonNode node) {
    Set<String> parameters = new LinkedHashSet<>();
    if (!node.isArray()) {
      return parameters;
    }
    for (JsonNode parameter : node) {
      if (parameter.isTextual()) {
        parameters.add(parameter.asText());
      }
    }
    return parameters;
  }
}
