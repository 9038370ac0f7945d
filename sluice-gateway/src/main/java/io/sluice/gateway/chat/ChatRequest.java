package io.sluice.gateway.chat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A chat completion request as Sluice reads it: the body's bytes plus the few top-level fields
 * routing needs. The body is validated as JSON in one streaming pass, and it is never
 * re-serialized: an attempt's body splices the model and the providers to avoid into the original
 * bytes, so every other field reaches the upstream exactly as the client wrote it.
 *
 * @param body the request body as received
 * @param model the {@code model} field, or empty when absent (OpenRouter then uses {@code models} or the account default)
 * @param stream whether the client asked for an SSE stream
 * @param modelStart offset of the model's opening quote in {@code body}, or -1
 * @param modelEnd offset just past the model's closing quote, or -1
 * @param needs what a model must offer to serve it: output room, tools, structured output, the
 *     client's own {@code models} list
 * @param providers the client's {@code provider} preferences, and where an ignore list goes
 */
record ChatRequest(byte[] body, Optional<String> model, boolean stream, int modelStart, int modelEnd, Needs needs,
    ProviderPrefs providers) {

  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /**
   * @param maxTokens {@code max_tokens} or {@code max_completion_tokens}, 0 when absent
   * @param usesTools whether {@code tools} is a non-empty list
   * @param structuredOutput whether {@code response_format} asks for a JSON schema
   * @param clientModels the {@code models} list, as given
   */
  record Needs(int maxTokens, boolean usesTools, boolean structuredOutput, List<String> clientModels) {}

  /**
   * The body of an attempt on {@code attemptModel} that avoids the providers {@code avoid}: the
   * client's own bytes (this very array) when the model is theirs and no provider is to be added to
   * {@code provider.ignore} ({@link ProviderPrefs} says which are); otherwise a copy in which only
   * the model's value and the ignore list differ.
   */
  byte[] attemptBody(String attemptModel, List<String> avoid) {
    List<Splice.Edit> edits = new ArrayList<>(2);
    if (model.filter(attemptModel::equals).isEmpty()) {
      if (modelStart < 0) {
        throw new IllegalStateException("the request has no model to replace");
      }
      byte[] quoted = ("\"" + new String(JsonStringEncoder.getInstance().quoteAsString(attemptModel)) + "\"")
          .getBytes(StandardCharsets.UTF_8);
      edits.add(new Splice.Edit(modelStart, modelEnd, quoted));
    }
    List<String> ignore = providers.toIgnore(avoid);
    if (!ignore.isEmpty()) {
      edits.add(providers.slot().edit(ignore));
    }
    return edits.isEmpty() ? body : Splice.apply(body, edits);
  }

  /**
   * Reads {@code body}.
   *
   * @throws InvalidRequestException with a message for the client when it is not a JSON object or
   *     a field Sluice reads has the wrong type
   */
  static ChatRequest parse(byte[] body) {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidRequestException("The request body must be a JSON object");
      }
      Reader fields = new Reader(parser);
      int count = 0;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        fields.read(field, parser.nextToken());
        count++;
      }
      fields.closedAt((int) parser.currentTokenLocation().getByteOffset(), count > 0);
      if (parser.nextToken() != null) {
        throw new InvalidRequestException("The request body must hold one JSON object and nothing after it");
      }
      return fields.request(body);
    } catch (StreamReadException e) {
      String where = e.getLocation() == null ? "" : " (at byte " + e.getLocation().getByteOffset() + ")";
      throw new InvalidRequestException("The request body is not valid JSON: " + e.getOriginalMessage() + where);
    } catch (IOException e) {
      throw new InvalidRequestException("The request body could not be read: " + e.getMessage());
    }
  }

  /** The top-level fields Sluice reads, gathered as the parser passes them; the rest is skipped. */
  private static final class Reader {
    private final JsonParser parser;
    private String model;
    private int modelStart = -1;
    private int modelEnd = -1;
    private boolean stream;
    private int maxTokens;
    private boolean usesTools;
    private boolean structuredOutput;
    private final List<String> clientModels = new ArrayList<>();
    private ProviderPrefs providers;

    Reader(JsonParser parser) {
      this.parser = parser;
    }

    void read(String field, JsonToken value) throws IOException {
      switch (field) {
        case "model" -> {
          if (value != JsonToken.VALUE_STRING || parser.getText().isBlank()) {
            throw new InvalidRequestException("'model' must be a model id such as openai/gpt-4o-mini, or a Sluice route name");
          }
          model = parser.getText();
          modelStart = (int) parser.currentTokenLocation().getByteOffset();
          modelEnd = (int) parser.currentLocation().getByteOffset();
        }
        case "stream" -> {
          if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE && value != JsonToken.VALUE_NULL) {
            throw new InvalidRequestException("'stream' must be true or false");
          }
          stream = value == JsonToken.VALUE_TRUE;
        }
        case "max_tokens", "max_completion_tokens" -> {
          if (value == JsonToken.VALUE_NUMBER_INT) {
            maxTokens = (int) Math.min(Integer.MAX_VALUE, Math.max(0, parser.getLongValue()));
          }
        }
        case "tools" -> usesTools = value == JsonToken.START_ARRAY && countElements() > 0;
        case "response_format" -> structuredOutput = value == JsonToken.START_OBJECT && typeIsJsonSchema();
        case "models" -> readModels(value);
        case "provider" -> providers = ProviderPrefs.read(parser, value);
        default -> parser.skipChildren();
      }
    }

    /** The body's object closes at byte {@code close}: where a {@code provider} field goes if it has none. */
    void closedAt(int close, boolean hasFields) {
      if (providers == null) {
        providers = ProviderPrefs.absent(close, hasFields);
      }
    }

    ChatRequest request(byte[] body) {
      return new ChatRequest(body, Optional.ofNullable(model), stream, modelStart, modelEnd,
          new Needs(maxTokens, usesTools, structuredOutput, List.copyOf(clientModels)), providers);
    }

    private int countElements() throws IOException {
      int count = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        count++;
        parser.skipChildren();
      }
      return count;
    }

    private boolean typeIsJsonSchema() throws IOException {
      boolean jsonSchema = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("type") && value == JsonToken.VALUE_STRING) {
          jsonSchema = parser.getText().equals("json_schema");
        } else {
          parser.skipChildren();
        }
      }
      return jsonSchema;
    }

    private void readModels(JsonToken value) throws IOException {
      if (value != JsonToken.START_ARRAY) {
        parser.skipChildren();
        return;
      }
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
          clientModels.add(parser.getText());
        } else {
          parser.skipChildren();
        }
      }
    }
  }

  /** A request the client must fix; the message says how. */
  static final class InvalidRequestException extends RuntimeException {
    InvalidRequestException(String message) {
      super(message, null, false, false);
    }
  }
}
