package io.sluice.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns what went wrong into {@code <source>: <field path>: <problem> (line N)}, with every known
 * secret and anything shaped like a key blanked out.
 *
 * <p>A path is a list of field names (String) and list positions (Integer).
 */
final class ConfigErrors {

  /** A field path at the start of a record's message, such as {@code port} or {@code models[1]}. */
  private static final Pattern LEADING_FIELD =
      Pattern.compile("^([A-Za-z][A-Za-z0-9_-]*(?:\\[\\d+])?(?:\\.[A-Za-z0-9_-]+(?:\\[\\d+])?)*):? +(.+)$", Pattern.DOTALL);
  private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9_-]+)|\\[(\\d+)]");
  private static final Pattern KEY_LIKE = Pattern.compile("\\bsk-[A-Za-z0-9_-]{8,}");

  private final String source;
  private final FieldLines lines;
  private final Set<String> secrets = new HashSet<>();

  ConfigErrors(String source, String text) {
    this.source = source;
    this.lines = new FieldLines(text);
  }

  /** A value that must never appear in a message. */
  void secret(String value) {
    if (value != null && value.length() >= 4) {
      secrets.add(value);
    }
  }

  InvalidConfigException at(List<Object> path, String problem) {
    return fail(path, problem, lines.find(path).line());
  }

  InvalidConfigException whole(String problem) {
    return new InvalidConfigException(redact(source + ": " + problem));
  }

  /**
   * A YAML syntax error or a repeated field. Only the parser's description of the problem is used,
   * never its full message: that quotes the offending line, which may hold a secret.
   */
  InvalidConfigException syntax(JsonProcessingException e) {
    String problem = e.getOriginalMessage();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException marked) {
        problem = "not valid YAML: " + marked.getProblem();
      }
    }
    if (problem.startsWith("Duplicate field")) {
      problem = "d" + problem.substring(1) + ": each field may appear once";
    }
    String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    return whole(problem + where);
  }

  InvalidConfigException mapping(JsonMappingException e) {
    List<Object> path = pathOf(e);
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof IllegalArgumentException invalid) {
      return invalidValue(path, invalid.getMessage());
    }
    return at(path, problem(e));
  }

  /**
   * A record's message starts with the field it is about; when that field is in the file, the
   * error points at the field's own line rather than at the start of the record.
   */
  private InvalidConfigException invalidValue(List<Object> path, String message) {
    Matcher m = LEADING_FIELD.matcher(message);
    if (m.matches()) {
      List<Object> field = new ArrayList<>(path);
      field.addAll(segments(m.group(1)));
      FieldLines.Found found = lines.find(field);
      if (found.depth() > path.size()) {
        return fail(field, m.group(2), found.line());
      }
    }
    return at(path, message);
  }

  private static String problem(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field '" + u.getPropertyName() + "'" + known(u.getKnownPropertyIds());
    }
    if (e instanceof InvalidFormatException f) {
      return "'" + f.getValue() + "' is not " + kind(f.getTargetType());
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return "expected " + kind(m.getTargetType());
    }
    return e.getOriginalMessage();
  }

  private static String known(Collection<Object> ids) {
    return ids == null || ids.isEmpty() ? ""
        : " (known fields: " + ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
  }

  private static String kind(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "text";
    }
    if (type == Duration.class) {
      return "a duration such as 30s";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return Map.class.isAssignableFrom(type) || type.isRecord() ? "a mapping of fields" : "a " + type.getSimpleName();
  }

  private InvalidConfigException fail(List<Object> path, String problem, int line) {
    String where = path.isEmpty() ? "" : format(path) + ": ";
    return whole(where + problem + (line > 0 ? " (line " + line + ")" : ""));
  }

  private String redact(String message) {
    String redacted = message;
    for (String secret : secrets) {
      redacted = redacted.replace(secret, "(secret)");
    }
    return KEY_LIKE.matcher(redacted).replaceAll(k -> Matcher.quoteReplacement(k.group().substring(0, 10) + "…"));
  }

  static String format(List<Object> path) {
    StringBuilder out = new StringBuilder();
    for (Object segment : path) {
      if (segment instanceof Integer index) {
        out.append('[').append(index).append(']');
      } else {
        out.append(out.isEmpty() ? "" : ".").append(segment);
      }
    }
    return out.toString();
  }

  private static List<Object> pathOf(JsonMappingException e) {
    List<Object> path = new ArrayList<>();
    for (JsonMappingException.Reference ref : e.getPath()) {
      path.add(ref.getFieldName() != null ? ref.getFieldName() : (Object) ref.getIndex());
    }
    return path;
  }

  private static List<Object> segments(String fieldPath) {
    List<Object> segments = new ArrayList<>();
    Matcher m = SEGMENT.matcher(fieldPath);
    while (m.find()) {
      segments.add(m.group(1) != null ? m.group(1) : (Object) Integer.parseInt(m.group(2)));
    }
    return segments;
  }
}
