package io.sluice.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Loading scenarios: the presets, every accepted duration, and errors that name the field and line. */
class ScenariosTest {

  /** Twelve lines; anything appended starts on line 13. */
  private static final String MINIMAL = """
      name: minimal
      accounts:
        - id: acct
          credits: 5
          keys:
            - key: sk-or-v1-test-0001
              label: one
      models:
        - id: vendor/model
          pricing: {prompt: 0.000001, completion: 0.000002}
          providers:
            - name: Alpha
      """;

  static final java.util.List<String> PRESETS = Scenarios.PRESETS;

  private static Scenario parse(String yaml) {
    return Scenarios.parse(yaml, "test.yaml");
  }

  private static String withFault(String fault) {
    return MINIMAL + "faults:\n  - " + fault + "\n";
  }

  private static String withProvider(String providerFields) {
    return MINIMAL.replace("    - name: Alpha\n", "    - name: Alpha\n" + providerFields.indent(8));
  }

  @ParameterizedTest
  @FieldSource("PRESETS")
  void everyPresetLoadsByNameAndThroughLoad(String name) {
    Scenario preset = Scenarios.preset(name);

    assertThat(preset.name()).isEqualTo(name);
    assertThat(preset.description()).isNotBlank();
    assertThat(preset.accounts()).isNotEmpty();
    assertThat(preset.models()).isNotEmpty();
    assertThat(Scenarios.load(name)).isEqualTo(preset);
  }

  @Test
  void aMinimalScenarioGetsEveryDefault() {
    Scenario scenario = parse(MINIMAL);

    assertThat(scenario.timeScale()).isEqualTo(1.0);
    assertThat(scenario.seed()).isEqualTo(42L);
    assertThat(scenario.platform()).isEqualTo(Platform.DEFAULTS);
    assertThat(scenario.streaming()).isEqualTo(Streaming.DEFAULTS);
    assertThat(scenario.faults()).isEmpty();
    ProviderSpec alpha = scenario.models().getFirst().providers().getFirst();
    assertThat(alpha.capacity()).isEqualTo(Capacity.UNLIMITED);
    assertThat(alpha.latency()).isEqualTo(Latency.ZERO);
  }

  @Test
  void anUnknownFieldIsNamedWithItsLine() {
    assertThatThrownBy(() -> parse(MINIMAL + "colour: red\n"))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("test.yaml")
        .hasMessageContaining("unknown field 'colour'")
        .hasMessageContaining("(line 13)");
  }

  @Test
  void anUnknownFieldNearTheTopIsReportedOnItsOwnLineNotWhereItsMappingEnds() {
    assertThatThrownBy(() -> parse(MINIMAL.replace("accounts:\n", "colour: red\naccounts:\n")))
        .hasMessageContaining("unknown field 'colour' (line 2)");
    assertThatThrownBy(() -> parse(MINIMAL.replace("    credits: 5\n", "    credits: 5\n    colour: red\n")))
        .hasMessageContaining("at accounts[0].colour: unknown field 'colour' (line 5)");
  }

  @Test
  void anUnknownNestedFieldIsNamedWithItsPathAndLine() {
    assertThatThrownBy(() -> parse(withProvider("latency: {first-token: 1s, speed: 3}")))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("models[0].providers[0].latency")
        .hasMessageContaining("unknown field 'speed'")
        .hasMessageContaining("(line 13)");
  }

  @Test
  void aFieldOfTheWrongTypeIsNamed() {
    assertThatThrownBy(() -> parse(MINIMAL + "seed: lots\n"))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("at seed:")
        .hasMessageContaining("\"lots\"")
        .hasMessageContaining("(line 13)");
    assertThatThrownBy(() -> parse(MINIMAL.replace("credits: 5", "credits: [5]")))
        .hasMessageContaining("accounts[0].credits");
    assertThatThrownBy(() -> parse(MINIMAL.replace("keys:\n", "keys: sk-or-v1-flat\n")
        .replace("      - key: sk-or-v1-test-0001\n        label: one\n", "")))
        .hasMessageContaining("accounts[0].keys");
    assertThatThrownBy(() -> parse(withProvider("capacity: {concurrency: many}")))
        .hasMessageContaining("models[0].providers[0].capacity.concurrency");
  }

  @Test
  void aListWhereADurationBelongsIsRefusedNamingTheField() {
    assertThatThrownBy(() -> parse(withFault("{type: stall, delay: [1, 2]}")))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("faults[0].delay")
        .hasMessageContaining("is not a duration")
        .hasMessageContaining("(line 14)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"requests-per-minute", "tokens-per-minute", "concurrency"})
  void negativeCapacityIsRefusedNamingTheField(String field) {
    assertThatThrownBy(() -> parse(withProvider("capacity: {" + field + ": -1}")))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("models[0].providers[0].capacity")
        .hasMessageContaining("capacity." + field + " must be >= 0, was -1")
        .hasMessageContaining("(line 13)");
  }

  @Test
  void aFaultProbabilityAboveOneIsRefusedNamingTheFault() {
    assertThatThrownBy(() -> parse(withFault("{type: outage, probability: 1.5}")))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("faults[outage].probability must be between 0 and 1, was 1.5");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rate-limited", "unavailable", "overloaded", "timeout"})
  void anErrorRateAboveOneIsRefusedNamingTheRate(String rate) {
    assertThatThrownBy(() -> parse(withProvider("error-rates: {" + rate + ": 1.01}")))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("error-rates." + rate + " must be between 0 and 1, was 1.01");
  }

  @Test
  void anUnknownFaultTypeIsRefusedListingTheKnownOnes() {
    assertThatThrownBy(() -> parse(withFault("{type: meteor}")))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("faults[0]")
        .hasMessageContaining("type 'meteor' is not one of")
        .hasMessageContaining("outage")
        .hasMessageContaining("mid-stream-error");
  }

  @Test
  void aFaultWithoutATypeIsRefused() {
    assertThatThrownBy(() -> parse(withFault("{model: vendor/model}")))
        .hasMessageContaining("faults[].type is required");
  }

  @Test
  void aFaultFormThatDoesNotBelongToItsTypeIsRefused() {
    assertThatThrownBy(() -> parse(withFault("{type: rate-limit, form: choices}")))
        .hasMessageContaining("faults[rate-limit].form must be one of")
        .hasMessageContaining("'choices'");
  }

  @ParameterizedTest
  @CsvSource({"delay, stall", "retry-after, rate-limit", "from, outage"})
  void aNegativeFaultDurationIsRefusedNamingTheField(String field, String type) {
    assertThatThrownBy(() -> parse(withFault("{type: " + type + ", " + field + ": PT-5S}")))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("faults[" + type + "]." + field + " must not be negative");
  }

  @Test
  void aFreeModelWithAPriceIsRefused() {
    String yaml = MINIMAL.replace("- id: vendor/model", "- id: vendor/model:free");

    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("models[vendor/model:free]: a :free model must have zero prices");
  }

  @Test
  void aRepeatedApiKeyIsRefusedWithTheKeyMasked() {
    String yaml = MINIMAL.replace("        label: one\n",
        "        label: one\n      - key: sk-or-v1-test-0001\n        label: two\n");

    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("duplicate key 'sk-or-v1-...001'")
        .hasMessageNotContaining("sk-or-v1-test-0001");
  }

  @Test
  void aRepeatedModelIdIsRefused() {
    String yaml = MINIMAL.replace("models:\n", "models:\n  - id: vendor/model\n    providers: [{name: Beta}]\n");

    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("duplicate model id 'vendor/model'");
  }

  @Test
  void aRepeatedAccountIdIsRefused() {
    String yaml = MINIMAL.replace("accounts:\n", """
        accounts:
          - id: acct
            keys: [{key: sk-or-v1-test-0002}]
        """);

    assertThatThrownBy(() -> parse(yaml)).hasMessageContaining("duplicate account id 'acct'");
  }

  @Test
  void aFieldWrittenTwiceInOneMappingIsRefusedNamingItAndItsLine() {
    assertThatThrownBy(() -> parse(MINIMAL + "name: other\n"))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("'name'")
        .hasMessageContaining("(line 13)");
  }

  @Test
  void missingAccountsAreRefused() {
    String yaml = MINIMAL.substring(MINIMAL.indexOf("models:"));

    assertThatThrownBy(() -> parse("name: lonely\n" + yaml))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("accounts: at least one account is required");
    assertThatThrownBy(() -> parse("name: lonely\naccounts: []\n" + yaml))
        .hasMessageContaining("accounts: at least one account is required");
  }

  @Test
  void anAccountWithoutKeysAndAModelWithoutProvidersAreRefused() {
    String noKeys = MINIMAL.replace("keys:\n      - key: sk-or-v1-test-0001\n        label: one\n", "keys: []\n");
    String noProviders = MINIMAL.replace("    providers:\n      - name: Alpha\n", "");

    assertThatThrownBy(() -> parse(noKeys)).hasMessageContaining("accounts[acct].keys: at least one key is required");
    assertThatThrownBy(() -> parse(noProviders))
        .hasMessageContaining("models[vendor/model].providers: at least one provider is required");
  }

  @Test
  void missingModelsAndNameAreRefused() {
    assertThatThrownBy(() -> parse(MINIMAL.substring(0, MINIMAL.indexOf("models:"))))
        .hasMessageContaining("models: at least one model is required");
    assertThatThrownBy(() -> parse(MINIMAL.replace("name: minimal\n", "")))
        .hasMessageContaining("name is required");
  }

  @Test
  void textThatIsNotYamlSaysSoWithItsLine() {
    assertThatThrownBy(() -> parse("name: x\n  bad: indent\n"))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("test.yaml: not valid YAML")
        .hasMessageContaining("(line 2)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      250ms  | PT0.25S
      30s    | PT30S
      5m     | PT5M
      2h     | PT2H
      1d     | PT24H
      1.5h   | PT1H30M
      30 s   | PT30S
      PT30S  | PT30S
      pt1m5s | PT1M5S
      P1DT2H | PT26H
      """)
  void everyDurationFormIsAccepted(String text, String iso) {
    assertThat(Scenarios.parseDuration(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      250ms | PT0.25S
      30s   | PT30S
      5m    | PT5M
      2h    | PT2H
      1d    | PT24H
      PT30S | PT30S
      30    | PT30S
      0.5   | PT0.5S
      """)
  void everyDurationFormIsAcceptedInAScenario(String text, String iso) {
    Scenario scenario = parse(withFault("{type: stall, delay: " + text + "}"));

    assertThat(scenario.faults().getFirst().delay()).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"5 parsecs", "", "ms", "-5s", "30", "1w", "PT", "soon"})
  void aBadDurationSaysWhatIsAccepted(String text) {
    assertThatThrownBy(() -> Scenarios.parseDuration(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "' is not a duration")
        .hasMessageContaining("250ms, 30s, 5m, 2h, 1d or PT30S");
  }

  @Test
  void aBadDurationInAScenarioNamesTheFieldAndLine() {
    assertThatThrownBy(() -> parse(MINIMAL + "platform: {generation-delay: 5 parsecs}\n"))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("platform.generation-delay")
        .hasMessageContaining("'5 parsecs' is not a duration")
        .hasMessageContaining("(line 13)");
  }

  @Test
  void aFaultParsesFromJsonAndItsErrorsNameTheField() {
    FaultSpec fault = Scenarios.parseFault("{\"type\":\"stall\",\"delay\":\"2s\",\"after-chunks\":3}");

    assertThat(fault.delay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(fault.afterChunks()).isEqualTo(3);
    assertThatThrownBy(() -> Scenarios.parseFault("{\"type\":\"stall\",\"colour\":1}"))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("unknown field 'colour'");
    assertThatThrownBy(() -> Scenarios.parseFault("{\"type\":\"stall\",\"after-chunks\":-1}"))
        .hasMessageContaining("faults[stall].after-chunks must be >= 0");
    assertThatThrownBy(() -> Scenarios.parseFault("{\"type\":"))
        .hasMessageContaining("fault: not valid JSON or YAML");
  }

  @Test
  void loadingAMissingFileSaysWhatItLookedFor() {
    String missing = Path.of("no-such-dir", "missing.yaml").toString();

    assertThatThrownBy(() -> Scenarios.load(missing))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("no scenario '" + missing + "'")
        .hasMessageContaining("neither a preset")
        .hasMessageContaining(Scenarios.PRESETS.toString())
        .hasMessageContaining("nor a readable file");
  }

  @Test
  void anUnknownPresetNamesThePresets() {
    assertThatThrownBy(() -> Scenarios.preset("no-such-preset"))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining("no preset scenario named 'no-such-preset'")
        .hasMessageContaining(Scenarios.PRESETS.toString());
  }

  @Test
  void aFileLoadsAndItsErrorsNameTheFile(@TempDir Path dir) throws IOException {
    Path good = Files.writeString(dir.resolve("good.yaml"), MINIMAL);
    Path bad = Files.writeString(dir.resolve("bad.yaml"), MINIMAL + "colour: red\n");

    assertThat(Scenarios.load(good.toString()).name()).isEqualTo("minimal");
    assertThatThrownBy(() -> Scenarios.load(bad.toString()))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageContaining(bad.toString())
        .hasMessageContaining("unknown field 'colour'");
  }
}
