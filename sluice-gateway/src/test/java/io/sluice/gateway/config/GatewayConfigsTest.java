package io.sluice.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.gateway.auth.ClientKey;
import io.sluice.gateway.auth.KeyHash;
import io.sluice.gateway.auth.PriorityClass;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Loading the configuration file: defaults, the example, every field's validation, and where errors point. */
class GatewayConfigsTest {

  static final String UPSTREAM_KEY = "sk-or-v1-upstream-secret-0123456789abcdef";
  static final Map<String, String> ENV = Map.of("OPENROUTER_API_KEY", UPSTREAM_KEY);
  static final String HASH_A = "sha256:" + "a".repeat(64);
  static final String HASH_B = "sha256:" + "b".repeat(64);

  static GatewayConfig parse(String yaml) {
    return GatewayConfigs.parse(yaml, "test.yaml", ENV);
  }

  @Test
  void anEmptyFileIsTheDefaultsWithTheUpstreamKeyFromTheEnvironment() {
    GatewayConfig expected = GatewayConfig.defaults()
        .withUpstream(UpstreamConfig.DEFAULTS.withApiKey(Secret.of(UPSTREAM_KEY)));

    assertThat(parse("")).isEqualTo(expected);
    assertThat(parse("# nothing but a comment\n")).isEqualTo(expected);
    assertThat(parse("upstream:\n")).isEqualTo(expected);
  }

  @Test
  void theDefaultsNeedNoFileAndNoEnvironment() {
    GatewayConfig defaults = GatewayConfig.defaults();

    assertThat(defaults.server()).isEqualTo(new ServerConfig("127.0.0.1", 8787, 10L * 1024 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(60)));
    assertThat(defaults.upstream().baseUrl()).isEqualTo(URI.create("https://openrouter.ai/api/v1"));
    assertThat(defaults.upstream().apiKey().isPresent()).isFalse();
    assertThat(defaults.upstream().attribution().headers()).isEmpty();
    assertThat(defaults.upstream().timeouts()).isEqualTo(new UpstreamTimeouts(
        Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofMinutes(10)));
    assertThat(defaults.clientKeys()).isEmpty();
    assertThat(defaults.routes()).isEmpty();
    assertThat(defaults.admin().enabled()).isFalse();
  }

  @Test
  void theExampleFileLoadsWithEveryFieldSet() {
    Path example = exampleFile();
    Map<String, String> env = Map.of("OPENROUTER_API_KEY", UPSTREAM_KEY, "SLUICE_PORT", "9000");

    GatewayConfig config = GatewayConfigs.load(example, env);

    assertThat(config.server().port()).isEqualTo(9000);
    assertThat(config.upstream().apiKey().reveal()).isEqualTo(UPSTREAM_KEY);
    assertThat(config.upstream().attribution().headers())
        .containsOnlyKeys("HTTP-Referer", "X-Title").containsEntry("X-Title", "My App");
    assertThat(config.clientKeys()).extracting(ClientKey::name).containsExactly("drafting-app", "nightly-summaries");
    assertThat(config.clientKeys().get(0).environment()).isEqualTo("prod");
    assertThat(config.clientKeys().get(1).environment()).isEmpty();
    assertThat(config.clientKeys().get(1).priority()).isEqualTo(PriorityClass.BATCH);
    assertThat(config.pacing().maxQueued()).isEqualTo(10_000);
    assertThat(config.routes()).containsOnlyKeys("drafting", "cheap");
    assertThat(config.route("drafting").orElseThrow().models()).first().isEqualTo("anthropic/claude-sonnet-4");
    assertThat(config.admin().enabled()).isTrue();
    assertThat(GatewayConfigs.load(example, Map.of("OPENROUTER_API_KEY", "k")).server().port()).isEqualTo(8787);
  }

  @Test
  void aFileSetsEveryField() {
    GatewayConfig config = parse("""
        server: {host: 0.0.0.0, port: 0, max-request-body-bytes: 2048}
        upstream:
          base-url: http://localhost:8788/api/v1/
          api-key: ""
          attribution: {referer: https://example.com, title: Demo}
          timeouts: {connect: 250ms, first-byte: 30s, idle-gap: 5s, total: PT1M}
        client-keys:
          - {name: app, tenant: team, environment: dev, workflow: chat, priority: BATCH, key-hash: %s}
        routes:
          fast: {models: [a/b, c/d:free]}
        admin: {master-key-hash: %s}
        """.formatted(HASH_A, HASH_B));

    assertThat(config.server()).isEqualTo(new ServerConfig("0.0.0.0", 0, 2048L, Duration.ofSeconds(30), Duration.ofSeconds(60)));
    assertThat(config.upstream().baseUrl()).isEqualTo(URI.create("http://localhost:8788/api/v1"));
    assertThat(config.upstream().apiKey()).isEqualTo(Secret.none());
    assertThat(config.upstream().attribution()).isEqualTo(new Attribution("https://example.com", "Demo"));
    assertThat(config.upstream().timeouts()).isEqualTo(new UpstreamTimeouts(
        Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(1)));
    assertThat(config.clientKeys()).containsExactly(
        new ClientKey("app", "team", "dev", "chat", PriorityClass.BATCH, KeyHash.parse(HASH_A)));
    assertThat(config.routes()).containsExactly(Map.entry("fast", new Route(List.of("a/b", "c/d:free"))));
    assertThat(config.admin().masterKeyHash()).contains(KeyHash.parse(HASH_B));
  }

  @Test
  void routesKeepTheOrderOfTheFile() {
    GatewayConfig config = parse("routes:\n  zeta: {models: [z/z]}\n  alpha: {models: [a/a]}\n  mid: {models: [m/m]}\n");

    assertThat(config.routes().keySet()).containsExactly("zeta", "alpha", "mid");
  }

  static Stream<Arguments> badFields() {
    String key = "client-keys:\n  - name: app\n    tenant: team\n    key-hash: " + HASH_A + "\n";
    return Stream.of(
        bad("server:\n  port: 70000\n", "server.port: must be between 0 and 65535", 2),
        bad("pacing:\n  max-queued: 0\n", "pacing.max-queued: must be at least 1, was 0", 2),
        bad("server:\n  port: -1\n", "server.port: must be between 0 and 65535", 2),
        bad("server:\n  port: lots\n", "server.port: 'lots' is not a whole number", 2),
        bad("server:\n  host: http://example.com\n", "server.host: must be a host name or IP address", 2),
        bad("server:\n  max-request-body-bytes: 10\n", "server.max-request-body-bytes: must be between 1024", 2),
        bad("server:\n  colour: red\n", "server.colour: unknown field 'colour' (known fields: host, idle-timeout, max-request-body-bytes, port, request-read-timeout)", 2),
        bad("server: 8080\n", "server: expected a mapping of fields", 1),
        bad("upstream:\n  base-url: ftp://example.com\n", "upstream.base-url: must be an http or https URL", 2),
        bad("upstream:\n  base-url: example.com/api\n", "upstream.base-url: must be an http or https URL", 2),
        bad("upstream:\n  base-url: https://example.com/v1?x=1\n", "upstream.base-url: must not have a query", 2),
        bad("upstream:\n  base-url: https://u:pw@example.com/v1\n", "upstream.base-url: must not carry credentials", 2),
        bad("upstream:\n  attribution:\n    title: \"a\\nb\"\n", "upstream.attribution.title: must be printable ASCII", 3),
        bad("upstream:\n  attribution:\n    referer: \"\\u00e9\"\n", "upstream.attribution.referer: must be printable ASCII", 3),
        bad("upstream:\n  timeouts:\n    connect: 0s\n", "upstream.timeouts.connect: must be longer than zero, was 0ms", 3),
        bad("upstream:\n  timeouts:\n    first-byte: soon\n", "upstream.timeouts.first-byte: 'soon' is not a duration", 3),
        bad("upstream:\n  timeouts:\n    idle-gap: 30\n", "upstream.timeouts.idle-gap: a duration needs a unit: write 30s or 30ms", 3),
        bad("upstream:\n  timeouts:\n    total: \"90\"\n", "upstream.timeouts.total: a duration needs a unit: write 90s or 90ms", 3),
        bad("upstream:\n  timeouts:\n    total: [1m]\n", "upstream.timeouts.total: must be a duration such as 30s", 3),
        bad("upstream:\n  timeouts:\n    total: -5s\n", "upstream.timeouts.total: '-5s' is not a duration", 3),
        bad("upstream:\n  timeouts:\n    total: 1m\n    first-byte: 2m\n",
            "upstream.timeouts.first-byte: must not be longer than total, was 2m with total 1m", 4),
        bad("upstream:\n  timeouts:\n    total: 5s\n", "upstream.timeouts: connect must not be longer than total, was 10s with total 5s", 2),
        bad("client-keys: app\n", "client-keys: expected a list", 1),
        bad("client-keys:\n  -\n", "client-keys[0]: is empty", 2),
        bad("client-keys:\n  - name: app\n    key-hash: " + HASH_A + "\n", "client-keys[0]: tenant is required", 2),
        bad("client-keys:\n  - tenant: team\n    key-hash: " + HASH_A + "\n", "client-keys[0]: name is required", 2),
        bad("client-keys:\n  - name: app\n    tenant: team\n", "client-keys[0]: key-hash is required", 2),
        bad(key.replace("name: app", "name: my app"), "client-keys[0].name: must be 1 to 64 letters, digits", 2),
        bad(key.replace("tenant: team", "tenant: -team"), "client-keys[0].tenant: must be 1 to 64", 3),
        bad(key + "    environment: pro d\n", "client-keys[0].environment: must be 1 to 64", 5),
        bad(key + "    workflow: " + "w".repeat(65) + "\n", "client-keys[0].workflow: must be 1 to 64", 5),
        bad(key + "    priority: urgent\n", "client-keys[0].priority: must be interactive or batch, was 'urgent'", 5),
        bad(key.replace(HASH_A, "sha256:abc"), "client-keys[0].key-hash: must be 'sha256:' followed by 64 hex digits", 4),
        bad(key.replace(HASH_A, "md5:" + "a".repeat(64)), "client-keys[0].key-hash: must be 'sha256:'", 4),
        bad(key.replace(HASH_A, "sha256:" + "g".repeat(64)), "client-keys[0].key-hash: must be 'sha256:'", 4),
        bad(key + "    colour: red\n", "client-keys[0].colour: unknown field 'colour'", 5),
        bad(key + "  - name: app\n    tenant: other\n    key-hash: " + HASH_B + "\n",
            "client-keys[1].name: 'app' is already client-keys[0]'s", 5),
        bad(key + "  - name: other\n    tenant: team\n    key-hash: " + HASH_A + "\n",
            "client-keys[1].key-hash: is also client-keys[0]'s: one key listed twice", 7),
        bad(key + "admin:\n  master-key-hash: " + HASH_A + "\n",
            "client-keys[0].key-hash: is the admin master key's; the master key must be a key of its own", 4),
        bad("routes:\n  drafting:\n", "routes.drafting: needs models", 2),
        bad("routes:\n  drafting: {}\n", "routes.drafting: models must list at least one model id", 2),
        bad("routes:\n  drafting:\n    models: []\n", "routes.drafting.models: must list at least one model id", 3),
        bad("routes:\n  drafting:\n    models: [a/b, c/d, a/b]\n", "routes.drafting.models[2]: repeats 'a/b'", 3),
        bad("routes:\n  drafting:\n    models:\n      - a/b\n      - \"c d\"\n", "routes.drafting.models[1]: must be a model id", 5),
        bad("routes:\n  drafting:\n    models: [a/b]\n    fallback: always\n", "routes.drafting.fallback: unknown field", 4),
        bad("routes:\n  openai/gpt-4o:\n    models: [a/b]\n", "routes: 'openai/gpt-4o' is not a route name", 1),
        bad("routes:\n  task-assistant/x:\n    models: [a/b]\n", "routes: 'task-assistant/x' is not a route name", 1),
        bad("routes: [a, b]\n", "routes: expected a mapping of fields", 1),
        bad("admin:\n  master-key-hash: secret\n", "admin.master-key-hash: must be 'sha256:'", 2),
        bad("admin:\n  master-key: " + HASH_A + "\n", "admin.master-key: unknown field 'master-key' (known fields: master-key-hash)", 2),
        bad("colour: red\n", "colour: unknown field 'colour'", 1),
        bad("server:\n  port: 1\n  port: 2\n", "duplicate field 'port': each field may appear once", 3),
        bad("server:\n  port: [1\n", "not valid YAML", 0));
  }

  private static Arguments bad(String yaml, String message, int line) {
    return Arguments.of(yaml, message, line);
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("badFields")
  void aBadFieldIsNamedWithWhatIsWrongAndItsLine(String yaml, String message, int line) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("test.yaml: ")
        .hasMessageContaining(message)
        .satisfies(e -> {
          if (line > 0) {
            assertThat(e.getMessage()).endsWith("(line " + line + ")");
          }
        })
        .hasNoCause();
  }

  @Test
  void aRootThatIsNotAMappingIsRefused() {
    assertThatThrownBy(() -> parse("- server\n- upstream\n"))
        .hasMessage("test.yaml: the file must be a mapping of sections: server, upstream, client-keys, routes, admin");
  }

  @Test
  void aMissingVariableIsNamedWithTheFieldThatUsesIt() {
    assertThatThrownBy(() -> parse("upstream:\n  base-url: https://example.com\n  attribution:\n    title: ${APP_TITLE}\n"))
        .hasMessage("test.yaml: upstream.attribution.title: environment variable APP_TITLE is not set"
            + " (write ${APP_TITLE:-default} to give a default) (line 4)");
  }

  @Test
  void withoutTheVariableTheDefaultUpstreamKeyIsAnErrorThatSaysHowToFixIt() {
    assertThatThrownBy(() -> GatewayConfigs.parse("server:\n  port: 1\n", "test.yaml", Map.of()))
        .hasMessageStartingWith("test.yaml: upstream.api-key: environment variable OPENROUTER_API_KEY is not set")
        .hasMessageContaining("api-key defaults to ${OPENROUTER_API_KEY}: set the variable, or write api-key: \"\" to send no key");
  }

  @Test
  void anEmptyApiKeySendsNoKeyAndNeedsNoVariable() {
    GatewayConfig config = GatewayConfigs.parse("upstream:\n  base-url: http://localhost:11434/v1\n  api-key: \"\"\n",
        "test.yaml", Map.of());

    assertThat(config.upstream().apiKey().isPresent()).isFalse();
  }

  @Test
  void variablesFillNumbersAndKeepTheirTextLiteral() {
    GatewayConfig config = GatewayConfigs.parse("""
        server:
          port: ${PORT:-8080}
        upstream:
          api-key: ${KEY}
          attribution:
            title: "Cost $$5 ${TITLE:-}"
        """, "test.yaml", Map.of("KEY", "k$y${NOT_A_VAR}", "PORT", "9090"));

    assertThat(config.server().port()).isEqualTo(9090);
    assertThat(config.upstream().apiKey().reveal()).isEqualTo("k$y${NOT_A_VAR}");
    assertThat(config.upstream().attribution().title()).isEqualTo("Cost $5");
  }

  @Test
  void aVariableCannotChangeTheStructureOfTheFile() {
    String title = "x\", referer: \"injected";

    GatewayConfig config = GatewayConfigs.parse("upstream: {attribution: {title: \"${TITLE}\"}}\n",
        "test.yaml", Map.of("OPENROUTER_API_KEY", "k", "TITLE", title));

    assertThat(config.upstream().attribution()).isEqualTo(new Attribution("", title));
  }

  @Test
  void fieldNamesAreNotInterpolated() {
    assertThatThrownBy(() -> parse("server:\n  ${FIELD:-port}: 1\n"))
        .hasMessageContaining("unknown field '${FIELD:-port}'");
  }

  @Test
  void caCertificatesNameAReadablePemFile(@TempDir Path dir) throws IOException {
    Path pem = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");

    GatewayConfig config = parse("upstream:\n  ca-certificates: " + pem + "\n");

    assertThat(config.upstream().caCertificates()).contains(pem);
    assertThatThrownBy(() -> parse("upstream:\n  ca-certificates: " + dir.resolve("missing.pem") + "\n"))
        .hasMessageContaining("ca-certificates: cannot read").hasMessageContaining("missing.pem");
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> GatewayConfigs.load(dir.resolve("nope.yaml"), ENV))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageEndingWith("nope.yaml: no such configuration file");
  }

  @Test
  void aFileIsNamedInItsErrors(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("sluice.yaml"), "server:\n  port: 99999\n");

    assertThatThrownBy(() -> GatewayConfigs.load(file, ENV))
        .hasMessageStartingWith(file + ": server.port: must be between 0 and 65535");
  }

  /** The example lives at the repository's root, above this module. */
  static Path exampleFile() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("config/sluice.example.yaml");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("config/sluice.example.yaml not found above " + Path.of("").toAbsolutePath());
  }
}
