package io.sluice.simulator.openrouter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.simulator.openrouter.Delivery.Served;
import io.sluice.simulator.scenario.FaultSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The JSON that a served completion is made of: whole responses, SSE chunks, error shapes. */
final class CompletionBodies {

  private CompletionBodies() {}

  static byte[] completionJson(Served served) {
    return write(g -> {
      g.writeStartObject();
      header(g, served, "chat.completion");
      g.writeArrayFieldStart("choices");
      g.writeStartObject();
      g.writeNullField("logprobs");
      g.writeStringField("finish_reason", served.completion().finishReason());
      g.writeStringField("native_finish_reason", served.completion().finishReason());
      g.writeNumberField("index", 0);
      g.writeObjectFieldStart("message");
      g.writeStringField("role", "assistant");
      g.writeStringField("content", served.completion().text());
      g.writeNullField("refusal");
      g.writeNullField("reasoning");
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      g.writeNullField("system_fingerprint");
      usage(g, served, served.completion().tokens());
      g.writeEndObject();
    });
  }

  /** A chunk with one choice: content while {@code finishReason} is null, then the finish. */
  static byte[] chunk(Served served, String text, String finishReason, boolean withUsage) {
    return sse(write(g -> {
      g.writeStartObject();
      header(g, served, "chat.completion.chunk");
      g.writeArrayFieldStart("choices");
      g.writeStartObject();
      g.writeNumberField("index", 0);
      g.writeObjectFieldStart("delta");
      g.writeStringField("role", "assistant");
      g.writeStringField("content", text);
      g.writeEndObject();
      g.writeStringField("finish_reason", finishReason);
      g.writeStringField("native_finish_reason", finishReason);
      g.writeNullField("logprobs");
      g.writeEndObject();
      g.writeEndArray();
      if (withUsage) {
        usage(g, served, served.completion().tokens());
      }
      g.writeEndObject();
    }));
  }

  static byte[] usageChunk(Served served) {
    return sse(write(g -> {
      g.writeStartObject();
      header(g, served, "chat.completion.chunk");
      g.writeArrayFieldStart("choices");
      g.writeEndArray();
      usage(g, served, served.completion().tokens());
      g.writeEndObject();
    }));
  }

  static byte[] midStreamError(Served served, FaultSpec fault) {
    int code = fault.status() != null ? fault.status() : 502;
    String message = fault.message() != null ? fault.message()
        : code == 429 ? served.model() + " is temporarily rate-limited upstream." : "Provider returned error";
    String errorType = code == 429 ? "rate_limit_exceeded" : code == 408 || code == 504 ? "timeout" : "provider_unavailable";
    if (withoutChoices(fault)) {
      ObjectNode body = Json.object();
      ObjectNode error = body.putObject("error");
      error.put("message", message);
      error.put("code", code);
      error.putObject("metadata").put("error_type", errorType).put("provider_name", served.provider());
      body.put("user_id", served.userId());
      return Json.bytes(body);
    }
    return write(g -> {
      g.writeStartObject();
      header(g, served, "chat.completion.chunk");
      g.writeObjectFieldStart("error");
      if ("string-code".equals(fault.form())) {
        g.writeStringField("code", code == 429 ? "rate_limit_exceeded" : "server_error");
      } else {
        g.writeNumberField("code", code);
      }
      g.writeStringField("message", message);
      g.writeObjectFieldStart("metadata");
      g.writeStringField("error_type", errorType);
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayFieldStart("choices");
      g.writeStartObject();
      g.writeNumberField("index", 0);
      g.writeObjectFieldStart("delta");
      g.writeStringField("content", "");
      g.writeEndObject();
      g.writeStringField("finish_reason", "error");
      g.writeStringField("native_finish_reason", "error");
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  /** The bare {@code {"error":…,"user_id":…}} event: mid-stream-error's no-choices form, error-in-body's top-level one. */
  private static boolean withoutChoices(FaultSpec fault) {
    return fault.type().equals("error-in-body") ? !"choices".equals(fault.form()) : "no-choices".equals(fault.form());
  }

  static byte[] errorTopLevel(Served served, FaultSpec fault) {
    int code = fault.status() != null ? fault.status() : 429;
    ObjectNode body = Json.object();
    ObjectNode error = body.putObject("error");
    error.put("message", fault.message() != null ? fault.message() : "Provider returned error");
    error.put("code", code);
    ObjectNode metadata = error.putObject("metadata");
    metadata.put("raw", code == 429 ? "error code: 1015" : "upstream error");
    metadata.put("provider_name", served.provider());
    body.put("user_id", served.userId());
    return Json.bytes(body);
  }

  static byte[] errorInChoices(Served served, FaultSpec fault, int partialTokens) {
    int code = fault.status() != null ? fault.status() : 502;
    return write(g -> {
      g.writeStartObject();
      header(g, served, "chat.completion");
      g.writeArrayFieldStart("choices");
      g.writeStartObject();
      g.writeNumberField("index", 0);
      g.writeStringField("finish_reason", "error");
      g.writeStringField("native_finish_reason", "error");
      g.writeObjectFieldStart("message");
      g.writeStringField("role", "assistant");
      g.writeStringField("content", served.completion().text(0, partialTokens));
      g.writeEndObject();
      g.writeObjectFieldStart("error");
      g.writeNumberField("code", code);
      g.writeStringField("message", fault.message() != null ? fault.message() : "Provider returned error");
      g.writeObjectFieldStart("metadata");
      g.writeStringField("error_type", code == 429 ? "rate_limit_exceeded" : "provider_unavailable");
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      usage(g, served, partialTokens);
      g.writeEndObject();
    });
  }

  private static void header(JsonGenerator g, Served served, String object) throws IOException {
    g.writeStringField("id", served.id());
    g.writeStringField("provider", served.provider());
    g.writeStringField("model", served.model());
    g.writeStringField("object", object);
    g.writeNumberField("created", served.created());
  }

  private static void usage(JsonGenerator g, Served served, int completionTokens) throws IOException {
    double promptCost = served.pricing().prompt() * served.promptTokens();
    double completionCost = served.pricing().completion() * completionTokens;
    g.writeObjectFieldStart("usage");
    g.writeNumberField("prompt_tokens", served.promptTokens());
    g.writeNumberField("completion_tokens", completionTokens);
    g.writeNumberField("total_tokens", served.promptTokens() + completionTokens);
    g.writeNumberField("cost", promptCost + completionCost);
    g.writeBooleanField("is_byok", false);
    g.writeObjectFieldStart("prompt_tokens_details");
    g.writeNumberField("cached_tokens", 0);
    g.writeNumberField("cache_write_tokens", 0);
    g.writeNumberField("audio_tokens", 0);
    g.writeEndObject();
    g.writeObjectFieldStart("cost_details");
    g.writeNumberField("upstream_inference_cost", promptCost + completionCost);
    g.writeNumberField("upstream_inference_prompt_cost", promptCost);
    g.writeNumberField("upstream_inference_completions_cost", completionCost);
    g.writeEndObject();
    g.writeObjectFieldStart("completion_tokens_details");
    g.writeNumberField("reasoning_tokens", 0);
    g.writeNumberField("image_tokens", 0);
    g.writeEndObject();
    g.writeEndObject();
  }

  static byte[] sse(byte[] json) {
    byte[] framed = new byte[json.length + 8];
    System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, framed, 0, 6);
    System.arraycopy(json, 0, framed, 6, json.length);
    framed[framed.length - 2] = '\n';
    framed[framed.length - 1] = '\n';
    return framed;
  }

  @FunctionalInterface
  private interface JsonWriting {
    void write(JsonGenerator g) throws IOException;
  }

  static byte[] write(JsonWriting writing) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      writing.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
