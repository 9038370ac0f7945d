package io.sluice.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The parsed file before it becomes records: defaults that come from the environment are filled
 * in, then every string value is {@linkplain Interpolation interpolated}. Working on the tree, not
 * the text, means a variable's value can never change the file's structure.
 */
final class ConfigTree {

  /** In a file, the upstream key defaults to this. */
  static final String DEFAULT_API_KEY = "${OPENROUTER_API_KEY}";

  private static final List<Object> API_KEY = List.of("upstream", "api-key");

  private final Map<String, String> env;
  private final ConfigErrors errors;
  private final boolean apiKeyDefaulted;

  private ConfigTree(Map<String, String> env, ConfigErrors errors, boolean apiKeyDefaulted) {
    this.env = env;
    this.errors = errors;
    this.apiKeyDefaulted = apiKeyDefaulted;
  }

  /** The file's root, ready to map; {@code errors} learns the secrets it holds. */
  static ObjectNode prepare(JsonNode parsed, Map<String, String> env, ConfigErrors errors) {
    if (parsed != null && !parsed.isMissingNode() && !parsed.isNull() && !parsed.isObject()) {
      throw errors.whole("the file must be a mapping of sections: server, upstream, client-keys, routes, admin");
    }
    ObjectNode root = parsed instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
    new ConfigTree(env, errors, defaultApiKey(root)).walk(root, new ArrayList<>());
    if (root.at("/upstream/api-key").isValueNode()) {
      errors.secret(root.at("/upstream/api-key").asText());
    }
    return root;
  }

  /** Writes the default key reference when the file has none; true if it did. */
  private static boolean defaultApiKey(ObjectNode root) {
    JsonNode upstream = root.get("upstream");
    if (upstream == null || upstream.isNull()) {
      upstream = root.putObject("upstream");
    }
    if (upstream instanceof ObjectNode section && !section.has("api-key")) {
      section.put("api-key", DEFAULT_API_KEY);
      return true;
    }
    return false;
  }

  private void walk(JsonNode node, List<Object> path) {
    if (node instanceof ObjectNode object) {
      for (String name : names(object)) {
        path.add(name);
        visit(object.get(name), path, value -> object.put(name, value));
        path.removeLast();
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        int index = i;
        path.add(index);
        visit(array.get(i), path, value -> array.set(index, array.textNode(value)));
        path.removeLast();
      }
    }
  }

  private void visit(JsonNode child, List<Object> path, Consumer<String> replace) {
    if (!child.isTextual()) {
      walk(child, path);
      return;
    }
    try {
      replace.accept(Interpolation.apply(child.asText(), env));
    } catch (Interpolation.Problem problem) {
      throw errors.at(path, problem.getMessage() + (apiKeyDefaulted && path.equals(API_KEY)
          ? "; api-key defaults to " + DEFAULT_API_KEY + ": set the variable, or write api-key: \"\" to send no key"
          : ""));
    }
  }

  private static List<String> names(ObjectNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
