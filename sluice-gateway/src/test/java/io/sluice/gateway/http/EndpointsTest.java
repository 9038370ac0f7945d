package io.sluice.gateway.http;

import static io.sluice.gateway.http.TestGateway.CLIENT_KEY;
import static io.sluice.gateway.http.TestGateway.MASTER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testing.HttpTester.Reply;
import io.sluice.testing.SimulatorExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Models, key, health, readiness and the admin API. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EndpointsTest {

  @RegisterExtension
  static final SimulatorExtension SIM = Scenario.simulator("endpoints");

  private static TestGateway gateway;

  @BeforeAll
  static void start() {
    gateway = TestGateway.start(TestGateway.config(SIM.simulator().apiBase(), Scenario.UPSTREAM_KEY, Scenario.ROUTES));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/models", "/v1/models"})
  void modelsListTheUpstreamCatalogAndTheRoutesInBothShapes(String path) {
    Reply reply = gateway.http.get(path, CLIENT_KEY);

    assertThat(reply.status()).isEqualTo(200);
    JsonNode json = reply.json();
    assertThat(json.path("object").asText()).isEqualTo("list");
    List<String> ids = new ArrayList<>();
    json.path("data").forEach(m -> ids.add(m.path("id").asText()));
    assertThat(ids).containsExactly(Scenario.MODEL, Scenario.OTHER_MODEL, "drafting");
    json.path("data").forEach(m -> {
      assertThat(m.path("object").asText()).isEqualTo("model");
      assertThat(m.path("owned_by").asText()).isNotBlank();
    });
    JsonNode route = json.path("data").get(2);
    assertThat(route.path("owned_by").asText()).isEqualTo("sluice");
    assertThat(route.path("sluice_route").path("models").toString()).isEqualTo("[\"sim/other\",\"sim/steady\"]");
    assertThat(route.path("context_length").asLong())
        .as("described by its first candidate").isEqualTo(json.path("data").get(1).path("context_length").asLong());
  }

  @Test
  void theKeyEndpointDescribesTheCallersKeyWithoutInventingFigures() {
    Reply reply = gateway.http.get("/api/v1/key", CLIENT_KEY);

    assertThat(reply.status()).isEqualTo(200);
    JsonNode data = reply.json().path("data");
    assertThat(data.path("label").asText()).isEqualTo("test-app");
    assertThat(data.path("limit").isNull()).isTrue();
    assertThat(data.path("limit_remaining").isNull()).isTrue();
    assertThat(data.path("usage").isNull()).isTrue();
    assertThat(data.path("sluice").path("tenant").asText()).isEqualTo("acme");
    assertThat(data.path("sluice").path("priority").asText()).isEqualTo("interactive");
    assertThat(reply.body()).doesNotContain(CLIENT_KEY).doesNotContain("sha256");
  }

  @Test
  void healthAndReadinessNeedNoKey() {
    assertThat(gateway.http.get("/health", null).json().path("status").asText()).isEqualTo("ok");
    Reply ready = gateway.http.get("/ready", null);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().path("status").asText()).isEqualTo("ready");
  }

  @Test
  void theAdminApiTakesOnlyTheMasterKey() {
    assertThat(gateway.http.get("/admin/keys", CLIENT_KEY).status()).isEqualTo(401);
    assertThat(gateway.http.get("/admin/keys", null).status()).isEqualTo(401);

    Reply reply = gateway.http.get("/admin/keys", MASTER_KEY);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("data").get(0).path("name").asText()).isEqualTo("test-app");
    assertThat(reply.body()).doesNotContain("sha256");
  }

  @Test
  void theMasterKeyIsNotAClientKey() {
    assertThat(gateway.http.get("/api/v1/key", MASTER_KEY).status()).isEqualTo(401);
  }
}
