package io.sluice.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;

/**
 * Finds the line of a field in the file's text. Errors from the mapped records carry no location
 * (they come from a tree), and Jackson reports some at the end of a mapping, far from the field.
 *
 * <p>A path is a list of field names (String) and list positions (Integer).
 */
final class FieldLines {

  private static final YAMLFactory YAML = new YAMLFactory();

  private final String text;

  FieldLines(String text) {
    this.text = text;
  }

  /** How many segments of a path the file has, and the line of the deepest one (0 when none). */
  record Found(int depth, int line) {}

  /** Where {@code path} is in the file, as far down as the file has it. */
  Found find(List<Object> path) {
    try (JsonParser p = YAML.createParser(text)) {
      p.nextToken();
      int depth = 0;
      int line = 0;
      for (Object segment : path) {
        int at = seek(p, segment);
        if (at == 0) {
          break;
        }
        depth++;
        line = at;
      }
      return new Found(depth, line);
    } catch (IOException e) {
      return new Found(0, 0);
    }
  }

  /** Moves {@code p} from the start of a container to the value {@code segment} names; returns its line, or 0. */
  private static int seek(JsonParser p, Object segment) throws IOException {
    if (segment instanceof String name && p.currentToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        int line = p.currentTokenLocation().getLineNr();
        boolean found = p.currentName().equals(name);
        p.nextToken();
        if (found) {
          return line;
        }
        p.skipChildren();
      }
    } else if (segment instanceof Integer index && p.currentToken() == JsonToken.START_ARRAY) {
      for (int i = 0; p.nextToken() != JsonToken.END_ARRAY && p.currentToken() != null; i++) {
        if (i == index) {
          return p.currentTokenLocation().getLineNr();
        }
        p.skipChildren();
      }
    }
    return 0;
  }
}
