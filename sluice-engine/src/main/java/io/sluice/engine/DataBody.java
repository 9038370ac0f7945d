package io.sluice.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;

/** OpenRouter's {@code {"data":{…}}} answers, as {@link KeyInfo} and {@link CreditsInfo} read them. */
final class DataBody {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private DataBody() {}

  /**
   * The {@code data} object of {@code body}, an answer of the {@code endpoint} named.
   *
   * @throws IllegalArgumentException if the body is not JSON or has no {@code data} object
   */
  static JsonNode data(byte[] body, String endpoint) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a " + endpoint + " body must be JSON; this one is not: "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("a " + endpoint + " body could not be read", e);
    }
    JsonNode data = root == null ? null : root.path("data");
    if (data == null || !data.isObject()) {
      throw new IllegalArgumentException("a " + endpoint + " body has a \"data\" object; this one has none");
    }
    return data;
  }

  /** A number field as an exact decimal, or null when it is not a number. */
  static BigDecimal decimal(JsonNode node) {
    return node.isNumber() ? node.decimalValue() : null;
  }
}
