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
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads scenarios from YAML: the built-in presets by name, or any file. A mistake in a file is
 * reported with its location and the field that is wrong.
 */
public final class Scenarios {

  /** The presets shipped inside the simulator. */
  public static final List<String> PRESETS = List.of("free-tier", "paid-turbulence", "outage", "mixed", "zero-latency");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .registerModule(new SimpleModule().addDeserializer(Duration.class, new DurationDeserializer()));

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

  private Scenarios() {}

  /** A preset by name, or else a YAML file at that path. */
  public static Scenario load(String presetOrPath) {
    if (PRESETS.contains(presetOrPath)) {
      return preset(presetOrPath);
    }
    Path path = Path.of(presetOrPath);
    if (!Files.isRegularFile(path)) {
      throw new InvalidScenarioException("no scenario '" + presetOrPath + "': it is neither a preset "
          + PRESETS + " nor a readable file");
    }
    try {
      return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario " + path, e);
    }
  }

  /** One of {@link #PRESETS}. */
  public static Scenario preset(String name) {
    try (InputStream in = Scenarios.class.getResourceAsStream("/scenarios/" + name + ".yaml")) {
      if (in == null) {
        throw new InvalidScenarioException("no preset scenario named '" + name + "'; presets: " + PRESETS);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "preset " + name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read preset " + name, e);
    }
  }

  /** Parses YAML text; {@code source} names it in error messages. */
  public static Scenario parse(String yaml, String source) {
    try {
      Scenario scenario = YAML.readValue(yaml, Scenario.class);
      if (scenario == null) {
        throw new InvalidScenarioException(source + ": the scenario is empty");
      }
      return scenario;
    } catch (JsonMappingException e) {
      throw new InvalidScenarioException(source + ": " + describe(e, yaml), e);
    } catch (JsonProcessingException e) {
      throw new InvalidScenarioException(source + ": not valid YAML: " + e.getOriginalMessage()
          + location(e), e);
    }
  }

  /** Parses one fault given as JSON or YAML (the body of {@code POST /sim/faults}). */
  public static FaultSpec parseFault(String text) {
    try {
      FaultSpec fault = YAML.readValue(text, FaultSpec.class);
      if (fault == null) {
        throw new InvalidScenarioException("the fault is empty");
      }
      return fault;
    } catch (JsonMappingException e) {
      throw new InvalidScenarioException("fault: " + describe(e, text), e);
    } catch (JsonProcessingException e) {
      throw new InvalidScenarioException("fault: not valid JSON or YAML: " + e.getOriginalMessage(), e);
    }
  }

  /** Parses {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT30S}). */
  public static Duration parseDuration(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SHORT_DURATION.matcher(trimmed);
    if (m.matches()) {
      double amount = Double.parseDouble(m.group(1));
      double unitNanos = switch (m.group(2)) {
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m" -> 60e9;
        case "h" -> 3600e9;
        default -> 86400e9;
      };
      return Duration.ofNanos((long) (amount * unitNanos));
    }
    try {
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (use 250ms, 30s, 5m, 2h, 1d or PT30S)");
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
    if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
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
      return parseDuration(p.currentToken().isScalarValue() ? p.getValueAsString() : p.currentToken().asString());
    }
  }
}
