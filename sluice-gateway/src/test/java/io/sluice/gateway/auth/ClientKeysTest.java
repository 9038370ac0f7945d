package io.sluice.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Authenticating client keys by their hash. */
class ClientKeysTest {

  private static final ClientKeyGenerator GENERATOR = new ClientKeyGenerator();

  private final GeneratedKey drafting = GENERATOR.generate();
  private final GeneratedKey batch = GENERATOR.generate();
  private final ClientKey draftingKey =
      new ClientKey("drafting-app", "marketing", "prod", "drafting", PriorityClass.INTERACTIVE, drafting.hash());
  private final ClientKey batchKey = new ClientKey("nightly", "research", null, null, PriorityClass.BATCH, batch.hash());
  private final ClientKeys keys = ClientKeys.of(List.of(draftingKey, batchKey));

  @Test
  void aKnownKeyAuthenticatesAsItsOwner() {
    assertThat(keys.authenticate("Bearer " + drafting.key(), null)).isEqualTo(new AuthResult.Authenticated(draftingKey));
    assertThat(keys.authenticate(null, batch.key())).isEqualTo(new AuthResult.Authenticated(batchKey));
  }

  @Test
  void anUnknownKeyIsUnknown() {
    assertThat(keys.authenticate("Bearer " + GENERATOR.generate().key(), null))
        .isEqualTo(new AuthResult.Unknown("Unknown API key"));
  }

  @Test
  void anOpenRouterKeySentToTheGatewayIsExplained() {
    AuthResult result = keys.authenticate("Bearer sk-or-v1-0123456789abcdef0123456789abcdef", null);

    assertThat(result).isInstanceOfSatisfying(AuthResult.Unknown.class, unknown -> assertThat(unknown.message())
        .isEqualTo("Unknown API key: this is an OpenRouter key; clients of the gateway send a Sluice key (sk-sluice-…)"));
  }

  @Test
  void missingAndMalformedHeadersAreRejectedBeforeAnyLookUp() {
    assertThat(keys.authenticate(null, null)).isInstanceOfSatisfying(AuthResult.Missing.class,
        missing -> assertThat(missing.message()).isEqualTo("No API key: send 'Authorization: Bearer <your Sluice key>'"));
    assertThat(keys.authenticate(drafting.key(), null)).isInstanceOf(AuthResult.Malformed.class);
  }

  @Test
  void noRejectionRepeatsTheKey() {
    String key = drafting.key();
    List<AuthResult> results = List.of(
        keys.authenticate(key, null),
        keys.authenticate("Bearer " + key + "x", null),
        keys.authenticate("Bearer " + key, key + "x"),
        keys.authenticate("Basic " + key, null),
        ClientKeys.of(List.of()).authenticate("Bearer " + key, null));

    assertThat(results).allSatisfy(result -> {
      assertThat(result).isInstanceOf(AuthResult.Rejected.class);
      assertThat(((AuthResult.Rejected) result).message()).doesNotContain(key.substring(10));
      assertThat(result.toString()).doesNotContain(key.substring(10));
    });
  }

  @Test
  void twoKeysWithOneNameOrOneHashAreRefused() {
    ClientKey sameName = new ClientKey("drafting-app", "other", null, null, null, batch.hash());
    ClientKey sameHash = new ClientKey("other", "other", null, null, null, drafting.hash());

    assertThatThrownBy(() -> ClientKeys.of(List.of(draftingKey, sameName)))
        .hasMessage("two client keys are named 'drafting-app'");
    assertThatThrownBy(() -> ClientKeys.of(List.of(draftingKey, sameHash)))
        .hasMessage("client keys 'drafting-app' and 'other' have the same key-hash");
  }

  @Test
  void theKeysAreListedInOrderAndPrintedByName() {
    assertThat(keys.all()).containsExactly(draftingKey, batchKey);
    assertThat(keys).hasToString("ClientKeys[drafting-app, nightly]");
  }

  @Property(tries = 1000)
  void exactlyTheGeneratedKeyIsAccepted(
      @ForAll @IntRange(min = 0, max = 53) int position, @ForAll("keyCharacters") char c, @ForAll("edits") String edit) {
    GeneratedKey generated = GENERATOR.generate();
    ClientKeys one = ClientKeys.of(List.of(new ClientKey("k", "t", null, null, null, generated.hash())));
    String key = generated.key();
    int at = Math.min(position, key.length() - 1);
    String changed = switch (edit) {
      case "replace" -> key.substring(0, at) + (key.charAt(at) == c ? (char) (c ^ 1) : c) + key.substring(at + 1);
      case "delete" -> key.substring(0, at) + key.substring(at + 1);
      default -> key.substring(0, position) + c + key.substring(position);
    };

    assertThat(one.authenticate(new Credentials.Presented(key))).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(changed).isNotEqualTo(key);
    assertThat(one.authenticate(new Credentials.Presented(changed))).isEqualTo(AuthResult.Unknown.of(changed));
  }

  @Provide
  Arbitrary<Character> keyCharacters() {
    return Arbitraries.oneOf(Arbitraries.chars().alpha().numeric().with('-', '_', '.'), Arbitraries.chars());
  }

  @Provide
  Arbitrary<String> edits() {
    return Arbitraries.of("replace", "delete", "insert");
  }
}
