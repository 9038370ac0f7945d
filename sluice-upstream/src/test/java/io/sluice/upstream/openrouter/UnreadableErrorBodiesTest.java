package io.sluice.upstream.openrouter;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.upstream.openrouter.UpstreamError.Metadata;
import io.sluice.upstream.openrouter.UpstreamError.Origin;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Error bodies that are not what OpenRouter documents: read without throwing, and safely. */
class UnreadableErrorBodiesTest {

  private static final String KEY = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Test
  void anHtmlPageFromAProxyBecomesAnErrorWithAnExcerpt() {
    String html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
        + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n";

    UpstreamError read = read(502, Map.of("Retry-After", "30"), html);

    assertThat(read.origin()).isEqualTo(Origin.ERROR_RESPONSE);
    assertThat(read.httpStatus()).isEqualTo(502);
    assertThat(read.code()).isNull();
    assertThat(read.message()).isEqualTo("upstream error body was not JSON (HTTP 502): <html>  <head><title>502 Bad "
        + "Gateway</title></head>  <body>  <center><h1>502 Bad Gateway</h1></center>  <hr><center>cloudflare</center>"
        + "  </body>  </html>");
    assertThat(read.metadata()).isEqualTo(Metadata.NONE);
    assertThat(read.limits().retryAfter()).isEqualTo(new RetryAfter.After(Duration.ofSeconds(30)));
  }

  @Test
  void anEmptyBodySaysItWasEmptyAndKeepsTheHeaders() {
    UpstreamError empty = read(503, Map.of("Retry-After", "7"), "");
    UpstreamError blank = read(503, Map.of(), " \r\n ");
    UpstreamError none = UpstreamErrors.fromErrorResponse(503, ResponseHeaders.none(), null);

    assertThat(empty.message()).isEqualTo("upstream sent an empty error body (HTTP 503)");
    assertThat(empty.limits().retryAfter()).isEqualTo(new RetryAfter.After(Duration.ofSeconds(7)));
    assertThat(blank.message()).isEqualTo(empty.message());
    assertThat(none.message()).isEqualTo(empty.message());
  }

  @Test
  void cutJsonIsNotJson() {
    assertThat(read(429, Map.of(), "{\"error\":{\"code\":429,\"mess").message())
        .isEqualTo("upstream error body was not JSON (HTTP 429): {\"error\":{\"code\":429,\"mess");
  }

  @Test
  void jsonWithoutAnErrorObjectSaysSo() {
    String noErrorObject = "upstream error body held no error object (HTTP 500): ";

    assertThat(read(500, Map.of(), "[1,2]").message()).isEqualTo(noErrorObject + "[1,2]");
    assertThat(read(500, Map.of(), "{\"detail\":\"nope\"}").message()).isEqualTo(noErrorObject + "{\"detail\":\"nope\"}");
    assertThat(read(500, Map.of(), "\"just a string\"").message()).isEqualTo(noErrorObject + "\"just a string\"");
  }

  @Test
  void aStringErrorIsTheMessage() {
    UpstreamError read = read(401, Map.of(), "{\"error\":\"Unauthorized\"}");

    assertThat(read.message()).isEqualTo("Unauthorized");
    assertThat(read.code()).isNull();
    assertThat(read.effectiveStatus()).isEqualTo(401);
  }

  @Test
  void oddlyTypedMembersAreReadAsTextOrIgnored() {
    UpstreamError read = read(429, Map.of(), """
        {"error":{"code":99999999999,"message":{"text":"nested"},"metadata":{"provider_name":["a"],
        "raw":{"error":{"type":"overloaded_error"}},"headers":{"X-RateLimit-Limit":50,"X-RateLimit-Reset":"soon",
        "nested":{"a":1}},"retry_after_seconds":"-3","provider_code":503,"error_type":null},
        "availability":{"code":"capacity_exhausted","retryable":"true","retry_after":"12.5"}}}""");

    assertThat(read.code()).isEqualTo("99999999999");
    assertThat(read.codeNumber()).isNull();
    assertThat(read.message()).isEqualTo("{\"text\":\"nested\"}");
    assertThat(read.metadata()).isEqualTo(new Metadata(null, null, "{\"error\":{\"type\":\"overloaded_error\"}}", null,
        "503", Map.of("X-RateLimit-Limit", "50", "X-RateLimit-Reset", "soon"), null));
    assertThat(read.availability())
        .isEqualTo(new UpstreamError.Availability("capacity_exhausted", true, Duration.ofMillis(12_500)));
    assertThat(read.limits()).isEqualTo(new RateLimitHeaders(null, 50L, null, null));
    assertThat(read.effectiveStatus()).isEqualTo(429);
  }

  @Test
  void metadataThatIsNotAnObjectIsIgnored() {
    UpstreamError read = read(502, Map.of(), "{\"error\":{\"code\":502,\"message\":\"m\",\"metadata\":\"oops\"}}");

    assertThat(read.metadata()).isEqualTo(Metadata.NONE);
  }

  @Test
  void binaryGarbageGivesAPrintableExcerpt() {
    byte[] garbage = {(byte) 0xFF, (byte) 0xFE, 0, 7, 'o', 'k', (byte) 0x80};

    UpstreamError read = UpstreamErrors.fromErrorResponse(500, ResponseHeaders.none(), garbage);

    assertThat(read.message()).isEqualTo("upstream error body was not JSON (HTTP 500): \uFFFD\uFFFD  ok\uFFFD");
  }

  @Test
  void aLongBodyIsCutToAShortExcerpt() {
    UpstreamError read = read(502, Map.of(), "x".repeat(100_000));

    assertThat(read.message()).isEqualTo("upstream error body was not JSON (HTTP 502): " + "x".repeat(200) + "…");
  }

  @Test
  void deeplyNestedJsonDoesNotOverflowTheStack() {
    UpstreamError read = read(502, Map.of(), "[".repeat(100_000));

    assertThat(read.message()).startsWith("upstream error body was not JSON (HTTP 502): [[[");
  }

  @Test
  void credentialsEchoedInANonJsonBodyAreMasked() {
    UpstreamError read = read(400, Map.of(), "bad request: Authorization: Bearer " + KEY + " was rejected");

    assertThat(read.message()).doesNotContain("0123456789abcdef").contains("Bearer [redacted] was rejected");
  }

  @Test
  void keysEchoedInAMessageOrRawAreMasked() {
    UpstreamError read = read(401, Map.of(), """
        {"error":{"code":401,"message":"Incorrect API key provided: sk-proj-AbCdEf1234567890xyz. Check it.",
        "metadata":{"raw":"{\\"error\\":\\"invalid x-api-key sk-ant-api03-QWERTYUIOPasdfghjkl\\"}",
        "provider_name":"OpenAI"}}}""");

    assertThat(read.message()).isEqualTo("Incorrect API key provided: sk-[redacted]. Check it.");
    assertThat(read.metadata().raw()).isEqualTo("{\"error\":\"invalid x-api-key sk-[redacted]\"}");
  }

  @Test
  void wordsThatMerelyContainSkAreLeftAlone() {
    UpstreamError read = read(400, Map.of(), "{\"error\":{\"code\":400,\"message\":\"task-runner ask-question-limit\"}}");

    assertThat(read.message()).isEqualTo("task-runner ask-question-limit");
  }

  private static UpstreamError read(int status, Map<String, String> headers, String body) {
    return UpstreamErrors.fromErrorResponse(status, ResponseHeaders.of(headers), body.getBytes(UTF_8));
  }
}
