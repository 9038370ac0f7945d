package io.sluice.upstream.openrouter;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The module's JSON reading, lenient about types: upstreams send numbers as strings and back. */
final class Json {

  // Exact decimals, so a cost of 0.000013 stays 0.000013 rather than its nearest double.
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(1_000_000_000L);

  private Json() {}

  /** The tree, or a missing node for an empty input; throws on anything that is not JSON. */
  static JsonNode read(byte[] bytes) throws IOException {
    return MAPPER.readTree(bytes);
  }

  static JsonNode read(String text) throws IOException {
    return MAPPER.readTree(text);
  }

  /** A string, number or boolean as text; null for null, missing, objects and arrays. */
  static String text(JsonNode node) {
    return node.isValueNode() && !node.isNull() ? node.asText() : null;
  }

  /** Like {@link #text}, but an object or array comes back as its JSON text. */
  static String textOrJson(JsonNode node) {
    return node.isContainerNode() ? node.toString() : text(node);
  }

  /** An integral number, or a string of digits, that fits an int; else null. */
  static Integer integer(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.canConvertToInt() ? node.intValue() : null;
    }
    return node.isTextual() ? digits(node.asText()) : null;
  }

  static Integer digits(String text) {
    if (text.isEmpty() || text.length() > 9) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return null;
      }
    }
    return Integer.parseInt(text);
  }

  /** A token count: a non-negative integral number, else 0. */
  static long count(JsonNode node) {
    return node.isIntegralNumber() && node.canConvertToLong() ? Math.max(0, node.longValue()) : 0;
  }

  /** An exact decimal from a number or a numeric string; else null. */
  static BigDecimal decimal(JsonNode node) {
    if (node.isNumber()) {
      return node.decimalValue();
    }
    return node.isTextual() ? decimal(node.asText()) : null;
  }

  static BigDecimal decimal(String text) {
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A number of seconds (fractions allowed, as a number or a string) as a duration; else null. */
  static Duration seconds(JsonNode node) {
    return seconds(decimal(node));
  }

  static Duration seconds(BigDecimal seconds) {
    if (seconds == null || seconds.signum() < 0 || seconds.compareTo(MAX_SECONDS) > 0) {
      return null;
    }
    long nanos = seconds.movePointRight(9).setScale(0, RoundingMode.CEILING).longValueExact();
    return Duration.ofNanos(nanos);
  }

  /** An object's scalar members as text, in order; anything else gives an empty map. */
  static Map<String, String> textMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    node.properties().forEach(field -> {
      String value = text(field.getValue());
      if (value != null) {
        map.put(field.getKey(), value);
      }
    });
    return map;
  }
}
