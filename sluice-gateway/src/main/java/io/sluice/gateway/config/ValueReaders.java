package io.sluice.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.sluice.gateway.auth.KeyHash;
import io.sluice.gateway.auth.PriorityClass;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.function.Function;

/**
 * How the file's scalar values become typed values. Each failure says what is wrong; those for
 * secrets and URLs do not repeat the value.
 */
final class ValueReaders {

  private ValueReaders() {}

  static SimpleModule module() {
    return new SimpleModule("sluice-config")
        .addDeserializer(Duration.class, scalar(Durations::parse, "a duration such as 30s"))
        .addDeserializer(Secret.class, scalar(Secret::of, "text: the key itself or ${VARIABLE}"))
        .addDeserializer(KeyHash.class, scalar(KeyHash::parse, "text: 'sha256:' followed by 64 hex digits"))
        .addDeserializer(PriorityClass.class, scalar(PriorityClass::parse, "interactive or batch"))
        .addDeserializer(URI.class, scalar(ValueReaders::url, "a URL"));
  }

  private static <T> JsonDeserializer<T> scalar(Function<String, T> read, String expected) {
    return new JsonDeserializer<>() {
      @Override
      public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.currentToken().isScalarValue()) {
          throw new IllegalArgumentException("must be " + expected);
        }
        return read.apply(p.getValueAsString());
      }
    };
  }

  private static URI url(String text) {
    try {
      return new URI(text.strip());
    } catch (URISyntaxException e) {
      // A URL with an '@' may carry a password; say where the problem is instead of quoting it.
      throw new IllegalArgumentException(text.contains("@")
          ? "is not a URL (problem at character " + (e.getIndex() + 1) + ")"
          : "'" + text + "' is not a URL: " + e.getReason());
    }
  }
}
