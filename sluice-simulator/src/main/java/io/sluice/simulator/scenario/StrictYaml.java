package io.sluice.simulator.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads YAML (or JSON) into records the strict way scenario files are read: kebab-case field
 * names, unknown and duplicate fields are errors, durations are written {@code 30s} or {@code PT30S}
 * or as seconds; a mistake is described with the field's path, what is wrong and the line.
 */
public final class StrictYaml {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .registerModule(new SimpleModule().addDeserializer(Duration.class, new DurationDeserializer()));

  private StrictYaml() {}

  /**
   * Reads {@code text} as a {@code type}, or null when it is empty. A mistake becomes the exception
   * {@code invalid} makes of a message ({@code "SOURCE: at a.b[1]: what (line N)"}) and the cause.
   *
   * @param kind what the text should be, for the message of a syntax error ("YAML", "JSON or YAML")
   */
  public static <T> T read(String text, Class<T> type, String source, String kind,
      BiFunction<String, Exception, ? extends RuntimeException> invalid) {
    try {
      return YAML.readValue(text, type);
    } catch (JsonMappingException e) {
      throw invalid.apply(source + ": " + describe(e, text), e);
    } catch (JsonProcessingException e) {
      throw invalid.apply(source + ": not valid " + kind + ": " + e.getOriginalMessage() + location(e), e);
    }
  }

  private static String describe(JsonMappingException e, String text) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String path = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .reduce("", (a, b) -> b.startsWith("[") || a.isEmpty() ? a + b : a + "." + b);
    String what = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
    if (e instanceof UnrecognizedPropertyException u) {
      what = "unknown field '" + u.getPropertyName() + "'";
    }
    int line = lineOf(text, e.getPath());
    return (path.isEmpty() ? "" : "at " + path + ": ") + what + (line > 0 ? " (line " + line + ")" : location(e));
  }

  /**
   * The line where {@code path} starts in {@code text}, or 0 when it is not there. Jackson reports
   * a record's unknown field at the end of the record, which can be many lines further on.
   */
  private static int lineOf(String text, List<JsonMappingException.Reference> path) {
    try (JsonParser p = YAML.getFactory().createParser(text)) {
      p.nextToken();
      int line = 0;
      for (JsonMappingException.Reference ref : path) {
        line = seek(p, ref);
        if (line == 0) {
          return 0;
        }
      }
      return line;
    } catch (IOException e) {
      return 0;
    }
  }

  /** Moves {@code p} from the start of a container to the value {@code ref} names; returns its line, or 0. */
  private static int seek(JsonParser p, JsonMappingException.Reference ref) throws IOException {
    if (ref.getFieldName() != null && p.currentToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        int line = p.currentTokenLocation().getLineNr();
        boolean found = p.currentName().equals(ref.getFieldName());
        p.nextToken();
        if (found) {
          return line;
        }
        p.skipChildren();
      }
    } else if (ref.getIndex() >= 0 && p.currentToken() == JsonToken.START_ARRAY) {
      for (int i = 0; p.nextToken() != JsonToken.END_ARRAY && p.currentToken() != null; i++) {
        if (i == ref.getIndex()) {
          return p.currentTokenLocation().getLineNr();
        }
        p.skipChildren();
      }
    }
    return 0;
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }

  /** Reads durations written as {@code 30s} or {@code PT30S}, or as a number of seconds. */
  private static final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken().isNumeric()) {
        return Duration.ofNanos((long) (p.getDoubleValue() * 1e9));
      }
      return Scenarios.parseDuration(p.currentToken().isScalarValue() ? p.getValueAsString() : p.currentToken().asString());
    }
  }
}
