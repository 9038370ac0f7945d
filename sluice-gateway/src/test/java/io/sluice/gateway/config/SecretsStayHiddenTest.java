package io.sluice.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sluice.gateway.auth.ClientKeyGenerator;
import io.sluice.gateway.auth.GeneratedKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No secret is ever printed: not by toString(), not in an error, not in a stack trace. */
class SecretsStayHiddenTest {

  private static final String UPSTREAM_KEY = "sk-or-v1-upstream-secret-0123456789abcdef";
  private static final Map<String, String> ENV = Map.of("OPENROUTER_API_KEY", UPSTREAM_KEY);

  private final GeneratedKey client = new ClientKeyGenerator().generate();
  private final GeneratedKey master = new ClientKeyGenerator().generate();

  @Test
  void aLoadedConfigurationPrintsNoKeyAndNoFullHash() {
    GatewayConfig config = GatewayConfigs.parse("""
        client-keys:
          - {name: app, tenant: team, key-hash: %s}
        admin:
          master-key-hash: %s
        """.formatted(client.hash().text(), master.hash().text()), "test.yaml", ENV);

    String printed = config.toString();

    assertThat(printed).doesNotContain(UPSTREAM_KEY, client.hash().text(), master.hash().text());
    assertThat(printed).contains("apiKey=(secret)", "app", client.hash().toString());
    assertThat(config.upstream().toString()).doesNotContain(UPSTREAM_KEY);
    assertThat(config.upstream().apiKey().toString()).isEqualTo("(secret)");
    assertThat(config.admin().toString()).doesNotContain(master.hash().text());
  }

  @Test
  void aSecretIsComparedByValueButNeverPrinted() {
    assertThat(Secret.of("abc")).isEqualTo(Secret.of("abc")).isNotEqualTo(Secret.of("abd"));
    assertThat(Secret.of("")).isSameAs(Secret.none());
    assertThat(Secret.none()).hasToString("(none)");
    assertThat(Secret.of("abc")).hasToString("(secret)");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "upstream:\n  api-key: " + UPSTREAM_KEY + ": oops\n",            // YAML syntax error on the key's line
      "upstream:\n  api-key: [" + UPSTREAM_KEY + "]\n",                // wrong type for a secret
      "upstream:\n  api-key: {k: " + UPSTREAM_KEY + "}\n",
      "server:\n  port: ${OPENROUTER_API_KEY}\n",                      // a secret where a number belongs
      "server:\n  host: ${OPENROUTER_API_KEY}/x\n",                    // a secret echoed by a field that quotes its value
      "upstream:\n  api-key: \"" + UPSTREAM_KEY + "$\"\n",             // a lone '$' inside a literal key
      "upstream:\n  api-key: \"" + UPSTREAM_KEY + "${oops\"\n",
      "upstream:\n  base-url: https://user:" + UPSTREAM_KEY + "@example.com/v1\n",
      "upstream:\n  base-url: \"https://user:" + UPSTREAM_KEY + " @example.com/v1\"\n",
      "upstream:\n  base-url: https://example.com/v1?key=" + UPSTREAM_KEY + "\n",
      "client-keys:\n  - {name: app, tenant: team, key-hash: " + UPSTREAM_KEY + "}\n",
      "admin:\n  master-key-hash: " + UPSTREAM_KEY + "\n",
      "routes:\n  " + UPSTREAM_KEY + "/x: {models: [a]}\n",
  })
  void anErrorNeverShowsTheSecretNorDoesItsStackTrace(String yaml) {
    Throwable error = catchThrowable(() -> GatewayConfigs.parse(yaml, "test.yaml", ENV));

    assertThat(error).isInstanceOf(InvalidConfigException.class);
    assertThat(error.getMessage()).doesNotContain(UPSTREAM_KEY, "0123456789abcdef");
    assertThat(stackTrace(error)).doesNotContain(UPSTREAM_KEY, "0123456789abcdef");
  }

  @Test
  void aKeyPastedWhereItsHashBelongsIsCalledOutWithoutRepeatingIt() {
    Throwable error = catchThrowable(() -> GatewayConfigs.parse(
        "client-keys:\n  - name: app\n    tenant: team\n    key-hash: " + client.key() + "\n", "test.yaml", ENV));

    assertThat(error).hasMessage("test.yaml: client-keys[0].key-hash: holds a key, not its hash: never write keys"
        + " into configuration. Treat this key as exposed, issue a new one, and write its 'sha256:' line instead (line 4)");
    assertThat(error.getMessage()).doesNotContain(client.key().substring(10));
  }

  private static String stackTrace(Throwable error) {
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
