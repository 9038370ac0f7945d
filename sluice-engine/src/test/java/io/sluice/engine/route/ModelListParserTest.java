package io.sluice.engine.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code models.json} is a /models body in OpenRouter's shape, with the oddities seen on the wire. */
class ModelListParserTest {

  private final List<ModelInfo> models = ModelListParser.parse(body());

  @Test
  void readsEveryItemWithAnIdInTheBodysOrder() {
    assertThat(models).extracting(ModelInfo::id).containsExactly("openai/gpt-4o-mini",
        "meta-llama/llama-3.3-70b-instruct:free", "mistralai/mistral-nemo", "openrouter/auto", "acme/tiny-zero");
  }

  @Test
  void aPaidModelKeepsItsExactPerTokenPricesAndItsParameters() {
    ModelInfo mini = models.get(0);

    assertThat(mini.contextLength()).isEqualTo(128_000);
    assertThat(mini.promptPrice()).isEqualByComparingTo("0.00000015");
    assertThat(mini.completionPrice()).isEqualByComparingTo("0.0000006");
    assertThat(mini.promptPricePerMillion()).isEqualByComparingTo("0.15");
    assertThat(mini.completionPricePerMillion()).isEqualByComparingTo("0.6");
    assertThat(mini.free()).isFalse();
    assertThat(mini.supportsTools()).isTrue();
    assertThat(mini.supportsStructuredOutputs()).isTrue();
  }

  @Test
  void aFreeVariantIsFreeAndSupportsOnlyWhatItLists() {
    ModelInfo llama = models.get(1);

    assertThat(llama.free()).isTrue();
    assertThat(llama.contextLength()).isEqualTo(65_536);
    assertThat(llama.supportsTools()).isTrue();
    assertThat(llama.supportsStructuredOutputs()).isFalse();
  }

  @Test
  void jsonModeAloneIsNotStructuredOutputAndANumericPriceIsReadToo() {
    ModelInfo nemo = models.get(2);

    assertThat(nemo.supportedParameters()).contains("response_format");
    assertThat(nemo.supportsStructuredOutputs()).isFalse();
    assertThat(nemo.promptPrice()).isEqualByComparingTo("0.00000002");
  }

  @Test
  void aMissingContextLengthFallsBackToTheTopProviders() {
    assertThat(models.get(2).contextLength()).isEqualTo(131_072);
  }

  @Test
  void aNegativePriceMarksItUnknownNotFree() {
    ModelInfo auto = models.get(3);

    assertThat(auto.promptPrice()).isNull();
    assertThat(auto.completionPrice()).isNull();
    assertThat(auto.promptPricePerMillion()).isNull();
    assertThat(auto.free()).isFalse();
  }

  @Test
  void zeroPricesMakeAModelFreeWhateverItsIdAndAStringOfParametersIsNoList() {
    ModelInfo tiny = models.get(4);

    assertThat(tiny.free()).isTrue();
    assertThat(tiny.supportedParameters()).isEmpty();
  }

  @Test
  void anUnreadableBodyIsRefusedWithAReason() {
    assertThatThrownBy(() -> ModelListParser.parse(bytes("<html>502 Bad Gateway</html>")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> ModelListParser.parse(bytes("{\"error\":{\"code\":401}}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"data\" array");
    assertThat(ModelListParser.parse(bytes("{\"data\":[]}"))).isEmpty();
  }

  @Test
  void aModelInfoRefusesNegativeFigures() {
    assertThatThrownBy(() -> new ModelInfo("a/b", -1, null, null, Set.of()))
        .hasMessageContaining("contextLength");
    assertThatThrownBy(() -> new ModelInfo("a/b", 1, BigDecimal.ONE.negate(), null, Set.of()))
        .hasMessageContaining("promptPrice");
    assertThatThrownBy(() -> new ModelInfo(" ", 1, null, null, Set.of())).hasMessageContaining("id");
  }

  static byte[] body() {
    try (InputStream in = ModelListParserTest.class.getResourceAsStream("models.json")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
