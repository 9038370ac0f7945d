package io.sluice.simulator.http;

import static io.sluice.simulator.http.StreamingTestSupport.PATH;
import static io.sluice.simulator.http.StreamingTestSupport.awaitNoSleepers;
import static io.sluice.simulator.http.StreamingTestSupport.awaitParked;
import static io.sluice.simulator.http.StreamingTestSupport.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.simulator.scenario.FaultSpec;
import io.sluice.simulator.scenario.Scenarios;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.HttpTester.SseEvent;
import io.sluice.testing.SimulatorExtension;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which requests a fault strikes, and the /sim endpoints that add, list and clear faults and move the clock. */
@Timeout(10)
class FaultControlTest {

  private static final String SCENARIO = """
      name: fault-control
      seed: 9
      accounts:
        - id: acct-control
          credits: 1000
          purchased: 1000
          keys:
            - {key: sk-or-v1-test-control-one, label: one}
            - {key: sk-or-v1-test-control-two, label: two}
      models:
        - id: sim/clean
          pricing: {prompt: 0.000001, completion: 0.000002}
          completion: {min: 8, max: 8}
          providers: [{name: Clean}]
        - id: sim/faulty
          pricing: {prompt: 0.000001, completion: 0.000002}
          completion: {min: 8, max: 8}
          providers: [{name: Faulty}]
      faults:
        - type: error-in-body
          model: sim/faulty
      """;

  @RegisterExtension
  static final SimulatorExtension SIM = SimulatorExtension.of(Scenarios.parse(SCENARIO, "fault-control"));

  private static final String CLEAN = body("sim/clean", "Check faults", "");
  private static final String CLEAN_STREAM = body("sim/clean", "Check faults", "\"stream\":true");
  private static final String FAULTY = body("sim/faulty", "Check faults", "");

  /** Whether a plain request got the error-in-body fault rather than a completion. */
  private static boolean struck(String key, String body) {
    Reply reply = SIM.http().post(PATH, SIM.key(key), body);
    assertThat(reply.status()).isEqualTo(200);
    return reply.json().has("error");
  }

  private static boolean struck(String body) {
    return struck("one", body);
  }

  private static Reply addFault(String body) {
    return SIM.http().post("/sim/faults", null, body);
  }

  private static JsonNode listedFaults() {
    return SIM.http().get("/sim/faults", null).json().get("faults");
  }

  private static Reply delete(String path) {
    return SIM.http().send(SIM.http().builder(path, null, Map.of()).DELETE().build());
  }

  private static Reply postEmpty(String path) {
    return SIM.http().send(SIM.http().builder(path, null, Map.of()).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  @AfterEach
  void nothingStaysParked() {
    awaitNoSleepers(SIM);
  }

  // ---- matching -----------------------------------------------------------------------------

  @Test
  void aWindowCountsFromTheSimulatorsStartAndItsEndIsExclusive() {
    SIM.simulator().injectFault(FaultSpec.of("error-in-body").forModel("sim/clean")
        .during(Duration.ofSeconds(30), Duration.ofSeconds(60)));

    assertThat(struck(CLEAN)).as("before the window").isFalse();
    SIM.clock().advance(Duration.ofSeconds(30));
    assertThat(struck(CLEAN)).as("at its start").isTrue();
    SIM.clock().advance(Duration.ofMillis(29_999));
    assertThat(struck(CLEAN)).as("just before its end").isTrue();
    SIM.clock().advance(Duration.ofMillis(1));
    assertThat(struck(CLEAN)).as("at its end").isFalse();
  }

  @Test
  void aWindowCountsFromTheLastReset() {
    SIM.clock().advance(Duration.ofSeconds(100));
    assertThat(postEmpty("/sim/reset").status()).isEqualTo(200);
    SIM.simulator().injectFault(FaultSpec.of("error-in-body").forModel("sim/clean")
        .during(Duration.ofSeconds(10), Duration.ofSeconds(20)));

    assertThat(struck(CLEAN)).isFalse();
    SIM.clock().advance(Duration.ofSeconds(10));
    assertThat(struck(CLEAN)).isTrue();
    SIM.clock().advance(Duration.ofSeconds(10));
    assertThat(struck(CLEAN)).isFalse();
  }

  @Test
  void probabilityZeroNeverStrikesAndProbabilityOneAlwaysDoes() {
    SIM.simulator().injectFault(FaultSpec.of("error-in-body").forModel("sim/clean").withProbability(0));
    for (int i = 0; i < 20; i++) {
      assertThat(struck(CLEAN)).isFalse();
    }

    SIM.simulator().injectFault(FaultSpec.of("error-in-body").forModel("sim/clean").withProbability(1));
    for (int i = 0; i < 20; i++) {
      assertThat(struck(CLEAN)).isTrue();
    }
  }

  @Test
  void aFaultWithAKeyStrikesOnlyThatKeyNamedByLabelOrByTheKeyItself() {
    addFault("{\"type\":\"error-in-body\",\"model\":\"sim/clean\",\"key\":\"two\"}");
    assertThat(struck("one", CLEAN)).isFalse();
    assertThat(struck("two", CLEAN)).isTrue();

    SIM.simulator().clearFaults();
    addFault("{\"type\":\"error-in-body\",\"model\":\"sim/clean\",\"key\":\"" + SIM.key("one") + "\"}");
    assertThat(struck("one", CLEAN)).isTrue();
    assertThat(struck("two", CLEAN)).isFalse();
  }

  @Test
  void aFaultWithAModelStrikesOnlyThatModel() {
    assertThat(struck(FAULTY)).isTrue();
    assertThat(struck(CLEAN)).isFalse();
  }

  @Test
  void aFaultForStreamsSparesPlainRequestsAndTheOtherWayRound() {
    addFault("{type: mid-stream-error, model: sim/clean, stream: true, after-chunks: 1}");
    assertThat(struck(CLEAN)).isFalse();
    List<SseEvent> broken = SIM.http().post(PATH, SIM.key("one"), CLEAN_STREAM).events();
    assertThat(broken).noneMatch(SseEvent::done);

    SIM.simulator().clearFaults();
    addFault("{type: mid-stream-error, model: sim/clean, stream: false}");
    assertThat(struck(CLEAN)).isFalse();
    assertThat(SIM.http().post(PATH, SIM.key("one"), CLEAN).json().get("choices").get(0).get("finish_reason").asText())
        .isEqualTo("error");
    List<SseEvent> whole = SIM.http().post(PATH, SIM.key("one"), CLEAN_STREAM).events();
    assertThat(whole.getLast().done()).isTrue();
  }

  // ---- /sim/faults --------------------------------------------------------------------------

  @Test
  void aValidFaultIsAddedListedAndApplied() {
    Reply added = addFault("""
        {"type":"error-in-body","model":"sim/clean","key":"one","stream":false,"from":"5s","until":"1m",
         "probability":1,"status":503,"message":"Down for maintenance"}""");

    assertThat(added.status()).isEqualTo(201);
    assertThat(added.json().get("added").asText()).isEqualTo("error-in-body");
    JsonNode listed = listedFaults();
    assertThat(listed).hasSize(2);
    JsonNode fault = listed.get(1);
    assertThat(fault.get("type").asText()).isEqualTo("error-in-body");
    assertThat(fault.get("model").asText()).isEqualTo("sim/clean");
    assertThat(fault.get("stream").asBoolean()).isFalse();
    assertThat(Duration.parse(fault.get("from").asText())).isEqualTo(Duration.ofSeconds(5));
    assertThat(Duration.parse(fault.get("until").asText())).isEqualTo(Duration.ofMinutes(1));
    assertThat(fault.get("probability").asDouble()).isEqualTo(1.0);
    assertThat(fault.get("key").asText()).as("keys are not echoed").isEqualTo("(set)");
    SIM.clock().advance(Duration.ofSeconds(5));
    JsonNode error = SIM.http().post(PATH, SIM.key("one"), CLEAN).json().get("error");
    assertThat(error.get("code").asInt()).isEqualTo(503);
    assertThat(error.get("message").asText()).isEqualTo("Down for maintenance");
  }

  @Test
  void aFaultCanBePostedAsYaml() {
    Reply added = addFault("type: stall\nafter-chunks: 3\ndelay: 2s\n");

    assertThat(added.status()).isEqualTo(201);
    assertThat(listedFaults().get(1).get("type").asText()).isEqualTo("stall");
  }

  @Test
  void anUnknownFaultTypeIsRefusedNamingTheField() {
    Reply refused = addFault("{\"type\":\"meteor-strike\"}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("error").get("code").asInt()).isEqualTo(400);
    assertThat(refused.json().get("error").get("message").asText()).contains("type", "meteor-strike");
    assertThat(listedFaults()).hasSize(1);
  }

  @Test
  void aProbabilityAboveOneIsRefusedNamingTheField() {
    Reply refused = addFault("{\"type\":\"stall\",\"probability\":2}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("error").get("message").asText()).contains("probability", "2");
  }

  @Test
  void anUnknownFieldOrAFormOfAnotherTypeIsRefusedNamingIt() {
    Reply unknown = addFault("{\"type\":\"stall\",\"after-chunk\":2}");
    Reply wrongForm = addFault("{\"type\":\"stall\",\"form\":\"no-choices\"}");
    Reply notJson = addFault("{\"type\":");

    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("error").get("message").asText()).contains("after-chunk");
    assertThat(wrongForm.status()).isEqualTo(400);
    assertThat(wrongForm.json().get("error").get("message").asText()).contains("form", "no-choices");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(listedFaults()).hasSize(1);
  }

  @Test
  void deleteClearsEveryFaultIncludingTheScenariosOwn() {
    addFault("{\"type\":\"error-in-body\",\"model\":\"sim/clean\"}");
    assertThat(listedFaults()).hasSize(2);

    Reply cleared = delete("/sim/faults");

    assertThat(cleared.status()).isEqualTo(200);
    assertThat(listedFaults()).isEmpty();
    assertThat(struck(CLEAN)).isFalse();
    assertThat(struck(FAULTY)).isFalse();
  }

  @Test
  void resetRestoresTheScenariosOwnFaultsAndDropsAddedOnes() {
    addFault("{\"type\":\"error-in-body\",\"model\":\"sim/clean\"}");
    delete("/sim/faults");

    assertThat(postEmpty("/sim/reset").status()).isEqualTo(200);

    JsonNode listed = listedFaults();
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("model").asText()).isEqualTo("sim/faulty");
    assertThat(struck(FAULTY)).isTrue();
    assertThat(struck(CLEAN)).isFalse();
  }

  // ---- /sim/clock ---------------------------------------------------------------------------

  @Test
  void theClockReportsTheSimulatedTimeAndThatItIsManual() {
    JsonNode clock = SIM.http().get("/sim/clock", null).json();

    Instant now = SIM.clock().now();
    assertThat(Instant.parse(clock.get("now").asText())).isEqualTo(now);
    assertThat(clock.get("epoch_ms").asLong()).isEqualTo(now.toEpochMilli());
    assertThat(clock.get("manual").asBoolean()).isTrue();
  }

  @Test
  void advancingTheClockOverHttpMovesTheManualClock() {
    Instant before = SIM.clock().now();

    Reply moved = postEmpty("/sim/clock/advance?by=30s");

    assertThat(moved.status()).isEqualTo(200);
    assertThat(SIM.clock().now()).isEqualTo(before.plusSeconds(30));
    assertThat(Instant.parse(moved.json().get("now").asText())).isEqualTo(before.plusSeconds(30));
    assertThat(postEmpty("/sim/clock/advance?by=PT1M").status()).isEqualTo(200);
    assertThat(SIM.clock().now()).isEqualTo(before.plusSeconds(90));
  }

  @Test
  void aBadAdvanceIsRefusedAndLeavesTheClockAlone() {
    Instant before = SIM.clock().now();

    Reply garbage = postEmpty("/sim/clock/advance?by=soon");
    Reply missing = postEmpty("/sim/clock/advance");
    Reply backwards = postEmpty("/sim/clock/advance?by=PT-5S");

    assertThat(garbage.status()).isEqualTo(400);
    assertThat(garbage.json().get("error").get("message").asText()).contains("by", "soon");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(SIM.http().get("/sim/clock/advance?by=1s", null).status()).isEqualTo(405);
    assertThat(SIM.clock().now()).isEqualTo(before);
  }

  @Test
  void advancingTheClockOverHttpReleasesAParkedResponse() throws Exception {
    SIM.simulator().injectFault(Scenarios.parseFault("{type: slow-first-token, delay: 30s}"));
    CompletableFuture<Reply> reply = SIM.http().postAsync(PATH, SIM.key("one"), CLEAN);
    awaitParked(SIM);
    assertThat(reply).isNotDone();

    assertThat(postEmpty("/sim/clock/advance?by=30s").status()).isEqualTo(200);

    assertThat(reply.get(5, TimeUnit.SECONDS).json().get("choices").get(0).get("finish_reason").asText())
        .isEqualTo("stop");
  }
}
