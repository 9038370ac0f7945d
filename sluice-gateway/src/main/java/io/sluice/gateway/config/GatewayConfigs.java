package io.sluice.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads the gateway's YAML configuration file. Field names are kebab-case, unknown and duplicate
 * fields are errors, every string value may use environment variables ({@code ${NAME}},
 * {@code ${NAME:-default}}, {@code $$} for a dollar sign), and anything wrong is an
 * {@link InvalidConfigException} naming the field and its line.
 */
public final class GatewayConfigs {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .registerModule(new Jdk8Module())
      .registerModule(ValueReaders.module());

  private GatewayConfigs() {}

  /** Reads {@code file}, with variables from the process environment. */
  public static GatewayConfig load(Path file) {
    return load(file, System.getenv());
  }

  /** Reads {@code file}, with variables from {@code env}. */
  public static GatewayConfig load(Path file, Map<String, String> env) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidConfigException(file + ": no such configuration file");
    }
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), env);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read configuration " + file, e);
    }
  }

  /** Parses YAML text; {@code source} names it in error messages. */
  public static GatewayConfig parse(String yaml, String source, Map<String, String> env) {
    ConfigErrors errors = new ConfigErrors(source, yaml);
    JsonNode parsed;
    try {
      parsed = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw errors.syntax(e);
    }
    try {
      return YAML.treeToValue(ConfigTree.prepare(parsed, env, errors), GatewayConfig.class);
    } catch (JsonMappingException e) {
      throw errors.mapping(e);
    } catch (JsonProcessingException e) {
      throw errors.syntax(e);
    }
  }
}
