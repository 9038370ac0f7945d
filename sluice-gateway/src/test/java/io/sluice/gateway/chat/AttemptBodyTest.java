package io.sluice.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An attempt's body: the client's bytes, with only the model's value and the providers to avoid
 * spliced in ({@code provider.ignore}), and the client's own provider preferences respected.
 */
class AttemptBodyTest {

  private static final String MODEL = "sim/two";
  private static final List<String> FLAKY = List.of("Flaky");

  private static ChatRequest request(String json) {
    return ChatRequest.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The attempt body for {@code model} avoiding {@code avoid}, checked to be valid JSON Sluice would accept again. */
  private static String attempt(String json, String model, List<String> avoid) {
    byte[] body = request(json).attemptBody(model, avoid);
    ChatRequest.parse(body);
    return new String(body, StandardCharsets.UTF_8);
  }

  @Test
  void withNothingToChangeTheAttemptSendsTheClientsOwnBytes() {
    ChatRequest request = request("{\"model\":\"sim/two\",\"messages\":[]}");

    assertThat(request.attemptBody(MODEL, List.of())).isSameAs(request.body());
  }

  @Test
  void aBodyWithoutProviderGetsOneBeforeItsClosingBrace() {
    String body = "{ \"model\" : \"sim/two\",\n  \"temperature\": 1.50E0, \"messages\":[{\"role\":\"user\",\"content\":\"héllo ✓ \\u00e9\"}]\n}";

    assertThat(attempt(body, MODEL, List.of("Flaky", "Slow Co")))
        .isEqualTo(body.substring(0, body.length() - 1) + ",\"provider\":{\"ignore\":[\"Flaky\",\"Slow Co\"]}}");
  }

  @Test
  void aProviderObjectWithoutIgnoreGetsIt() {
    assertThat(attempt("{\"model\":\"sim/two\",\"provider\":{ \"sort\" : \"price\" } ,\"messages\":[]}", MODEL, FLAKY))
        .isEqualTo("{\"model\":\"sim/two\",\"provider\":{ \"sort\" : \"price\" ,\"ignore\":[\"Flaky\"]} ,\"messages\":[]}");
    assertThat(attempt("{\"model\":\"sim/two\",\"provider\":{}}", MODEL, FLAKY))
        .isEqualTo("{\"model\":\"sim/two\",\"provider\":{\"ignore\":[\"Flaky\"]}}");
  }

  @Test
  void theClientsIgnoreListIsExtendedInPlace() {
    assertThat(attempt("{\"provider\":{\"ignore\":[ \"Azure\" ],\"order\":[\"steady\"]},\"model\":\"sim/two\"}", MODEL, FLAKY))
        .isEqualTo("{\"provider\":{\"ignore\":[ \"Azure\" ,\"Flaky\"],\"order\":[\"steady\"]},\"model\":\"sim/two\"}");
    assertThat(attempt("{\"model\":\"sim/two\",\"provider\":{\"ignore\":[ ]}}", MODEL, FLAKY))
        .isEqualTo("{\"model\":\"sim/two\",\"provider\":{\"ignore\":[ \"Flaky\"]}}");
  }

  @Test
  void aProviderTheClientIgnoresAlreadyIsNotAddedTwice() {
    ChatRequest request = request("{\"model\":\"sim/two\",\"provider\":{\"ignore\":[\"flaky\"]}}");

    assertThat(request.attemptBody(MODEL, FLAKY)).isSameAs(request.body());
    assertThat(new String(request.attemptBody(MODEL, List.of("Flaky", "Other")), StandardCharsets.UTF_8))
        .isEqualTo("{\"model\":\"sim/two\",\"provider\":{\"ignore\":[\"flaky\",\"Other\"]}}");
  }

  @Test
  void nullReadsAsAbsent() {
    assertThat(attempt("{\"model\":\"sim/two\",\"provider\":null}", MODEL, FLAKY))
        .isEqualTo("{\"model\":\"sim/two\",\"provider\":{\"ignore\":[\"Flaky\"]}}");
    assertThat(attempt("{\"model\":\"sim/two\",\"provider\":{\"ignore\":null,\"sort\":\"price\"}}", MODEL, FLAKY))
        .isEqualTo("{\"model\":\"sim/two\",\"provider\":{\"ignore\":[\"Flaky\"],\"sort\":\"price\"}}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      the client's only list would have no provider left      | {"model":"sim/two","provider":{"only":["flaky"]}}
      an endpoint of an avoided provider is all it allows     | {"model":"sim/two","provider":{"only":["flaky/turbo"],"ignore":["steady"]}}
      the order without fallbacks would have no provider left | {"model":"sim/two","provider":{"order":["Flaky"],"allow_fallbacks":false}}
      provider is not an object                               | {"model":"sim/two","provider":"flaky"}
      ignore is not a list                                    | {"model":"sim/two","provider":{"ignore":"steady"}}
      """)
  void theClientsChoiceStandsWhere(String why, String json) {
    ChatRequest request = request(json);

    assertThat(request.attemptBody(MODEL, FLAKY)).as(why).isSameAs(request.body());
  }

  @Test
  void providersTheClientsChoiceLeavesRoomForAreAdded() {
    assertThat(attempt("{\"model\":\"sim/two\",\"provider\":{\"only\":[\"flaky\",\"steady\"]}}", MODEL, FLAKY))
        .isEqualTo("{\"model\":\"sim/two\",\"provider\":{\"only\":[\"flaky\",\"steady\"],\"ignore\":[\"Flaky\"]}}");
    assertThat(attempt("{\"model\":\"sim/two\",\"provider\":{\"order\":[\"flaky\"],\"allow_fallbacks\":true}}", MODEL, FLAKY))
        .as("with fallbacks the order is a preference").contains("\"ignore\":[\"Flaky\"]");
    assertThat(attempt("{\"model\":\"sim/two\",\"provider\":{\"allow_fallbacks\":false}}", MODEL, FLAKY))
        .isEqualTo("{\"model\":\"sim/two\",\"provider\":{\"allow_fallbacks\":false,\"ignore\":[\"Flaky\"]}}");
  }

  @Test
  void theModelAndTheIgnoreListAreSplicedTogetherInEitherOrder() {
    assertThat(attempt("{\"model\":\"drafting\",\"provider\":{\"ignore\":[\"a\"]}}", MODEL, FLAKY))
        .isEqualTo("{\"model\":\"sim/two\",\"provider\":{\"ignore\":[\"a\",\"Flaky\"]}}");
    assertThat(attempt("{\"provider\":{\"ignore\":[\"a\"]},\"model\":\"drafting\"}", MODEL, FLAKY))
        .isEqualTo("{\"provider\":{\"ignore\":[\"a\",\"Flaky\"]},\"model\":\"sim/two\"}");
    assertThat(attempt("{\"model\":\"drafting\"}", MODEL, List.of())).isEqualTo("{\"model\":\"sim/two\"}");
  }

  @Test
  void aProviderFieldInsideAMessageIsNotTheClientsPreference() {
    String body = "{\"model\":\"sim/two\",\"messages\":[{\"role\":\"user\",\"content\":\"x\",\"provider\":{\"only\":[\"flaky\"]}}]}";

    assertThat(attempt(body, MODEL, FLAKY))
        .isEqualTo(body.substring(0, body.length() - 1) + ",\"provider\":{\"ignore\":[\"Flaky\"]}}");
  }

  @Test
  void namesAreWrittenAsJsonStrings() {
    assertThat(attempt("{\"model\":\"sim/two\"}", MODEL, List.of("Odd \"Name\"\\")))
        .isEqualTo("{\"model\":\"sim/two\",\"provider\":{\"ignore\":[\"Odd \\\"Name\\\"\\\\\"]}}");
  }
}
