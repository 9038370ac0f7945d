package io.sluice.gateway.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Small JSON objects written with Jackson's generator, so every string is escaped properly. */
public final class JsonBodies {

  private static final JsonFactory JSON = new JsonFactory();

  private JsonBodies() {}

  /** What writes the fields of one object. */
  @FunctionalInterface
  public interface Fields {
    void write(JsonGenerator generator) throws IOException;
  }

  /** A JSON object with the fields {@code fields} writes. */
  public static byte[] write(Fields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = JSON.createGenerator(out)) {
      generator.writeStartObject();
      fields.write(generator);
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
    return out.toByteArray();
  }
}
