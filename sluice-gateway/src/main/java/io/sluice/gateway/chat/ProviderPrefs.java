package io.sluice.gateway.chat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client's own {@code provider} preferences (OpenRouter's provider routing), as far as adding
 * providers to {@code provider.ignore} must respect them, and where in the body they go.
 *
 * <p><b>Rules.</b> Sluice only ever adds to {@code ignore}: into the client's {@code ignore} array,
 * as a new {@code ignore} in the client's {@code provider} object, or as a new {@code provider}
 * object. It adds nothing when the client's {@code only} list, or its {@code order} with {@code
 * allow_fallbacks: false}, would be left with no provider: the client's choice stands. It never
 * touches a {@code provider} or {@code ignore} of another type than OpenRouter takes (the upstream
 * judges those), except {@code null}, which reads as absent. Names compare as OpenRouter's slugs
 * do: case aside, spaces as hyphens, and a base slug covering its endpoints ({@code deepinfra}
 * covers {@code deepinfra/turbo}).
 *
 * @param slot where added names go; null when they cannot be added
 * @param ignore the client's own {@code ignore}
 * @param only the client's {@code only}
 * @param order the client's {@code order}
 * @param allowFallbacks the client's {@code allow_fallbacks} (true unless it is {@code false})
 */
record ProviderPrefs(Slot slot, List<String> ignore, List<String> only, List<String> order, boolean allowFallbacks) {

  /**
   * Where added names go: the body's bytes {@code [start, end)} become {@code before}, the names
   * as a JSON list's elements, then {@code after}.
   */
  record Slot(int start, int end, String before, String after) {

    Splice.Edit edit(List<String> names) {
      StringBuilder text = new StringBuilder(before);
      for (int i = 0; i < names.size(); i++) {
        text.append(i == 0 ? "\"" : ",\"").append(JsonStringEncoder.getInstance().quoteAsString(names.get(i))).append('"');
      }
      return new Splice.Edit(start, end, text.append(after).toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A body without {@code provider}: a new field goes before its closing brace, at {@code close}. */
  static ProviderPrefs absent(int close, boolean bodyHasFields) {
    return new ProviderPrefs(new Slot(close, close, (bodyHasFields ? "," : "") + "\"provider\":{\"ignore\":[", "]}"),
        List.of(), List.of(), List.of(), true);
  }

  /** Reads the {@code provider} value the parser is at ({@code value} its first token), to its end. */
  static ProviderPrefs read(JsonParser parser, JsonToken value) throws IOException {
    int start = (int) parser.currentTokenLocation().getByteOffset();
    if (value == JsonToken.VALUE_NULL) {
      return new ProviderPrefs(new Slot(start, start + "null".length(), "{\"ignore\":[", "]}"),
          List.of(), List.of(), List.of(), true);
    }
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return new ProviderPrefs(null, List.of(), List.of(), List.of(), true);
    }
    return new ObjectReader(parser).read();
  }

  /**
   * Of {@code avoid}, the providers to add to {@code ignore}: those not ignored already, unless
   * adding them would leave the client's {@code only} list (or its {@code order} without fallbacks)
   * with no provider; none when nothing can be added.
   */
  List<String> toIgnore(List<String> avoid) {
    if (slot == null || avoid.isEmpty()) {
      return List.of();
    }
    List<String> added = avoid.stream().filter(name -> !covers(ignore, name)).toList();
    if (added.isEmpty()) {
      return List.of();
    }
    List<String> ignored = new ArrayList<>(ignore);
    ignored.addAll(added);
    boolean emptiesOnly = !only.isEmpty() && only.stream().allMatch(name -> covers(ignored, name));
    boolean emptiesOrder = !allowFallbacks && !order.isEmpty() && order.stream().allMatch(name -> covers(ignored, name));
    return emptiesOnly || emptiesOrder ? List.of() : added;
  }

  /** Whether ignoring {@code names} excludes {@code slug}: it is one of them, or an endpoint of one. */
  private static boolean covers(List<String> names, String slug) {
    String wanted = slug(slug);
    return names.stream().map(ProviderPrefs::slug).anyMatch(name -> wanted.equals(name) || wanted.startsWith(name + "/"));
  }

  private static String slug(String name) {
    return name.strip().toLowerCase(Locale.ROOT).replace(' ', '-');
  }

  /** The fields of a {@code provider} object that steering respects, and where {@code ignore} goes. */
  private static final class ObjectReader {
    private final JsonParser parser;
    private Slot slot;
    private boolean editable = true;
    private List<String> ignore = List.of();
    private List<String> only = List.of();
    private List<String> order = List.of();
    private boolean allowFallbacks = true;

    ObjectReader(JsonParser parser) {
      this.parser = parser;
    }

    ProviderPrefs read() throws IOException {
      int fields = 0;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        fields++;
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (name) {
          case "ignore" -> readIgnore(value);
          case "only" -> only = strings(value);
          case "order" -> order = strings(value);
          case "allow_fallbacks" -> allowFallbacks = value != JsonToken.VALUE_FALSE;
          default -> parser.skipChildren();
        }
      }
      if (slot == null && editable) {
        int close = (int) parser.currentTokenLocation().getByteOffset();
        slot = new Slot(close, close, (fields > 0 ? "," : "") + "\"ignore\":[", "]");
      }
      return new ProviderPrefs(editable ? slot : null, ignore, only, order, allowFallbacks);
    }

    private void readIgnore(JsonToken value) throws IOException {
      int start = (int) parser.currentTokenLocation().getByteOffset();
      if (value == JsonToken.VALUE_NULL) {
        slot = new Slot(start, start + "null".length(), "[", "]");
      } else if (value == JsonToken.START_ARRAY) {
        List<String> names = new ArrayList<>();
        int elements = readArray(names);
        int close = (int) parser.currentTokenLocation().getByteOffset();
        ignore = List.copyOf(names);
        slot = new Slot(close, close, elements > 0 ? "," : "", "");
      } else {
        editable = false;
        parser.skipChildren();
      }
    }

    private List<String> strings(JsonToken value) throws IOException {
      if (value != JsonToken.START_ARRAY) {
        parser.skipChildren();
        return List.of();
      }
      List<String> names = new ArrayList<>();
      readArray(names);
      return List.copyOf(names);
    }

    /** Reads the array the parser is in to its end: its strings into {@code names}; the count of all its elements. */
    private int readArray(List<String> names) throws IOException {
      int elements = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        elements++;
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
          names.add(parser.getText());
        } else {
          parser.skipChildren();
        }
      }
      return elements;
    }
  }
}
