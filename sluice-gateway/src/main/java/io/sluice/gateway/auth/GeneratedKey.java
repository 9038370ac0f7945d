package io.sluice.gateway.auth;

/**
 * A freshly made key and its hash. {@link #toString()} hides the key; read it once with
 * {@link #key()} to hand it over.
 *
 * @param key the key, for the one time it is shown
 * @param hash what configuration stores
 */
public record GeneratedKey(String key, KeyHash hash) {

  public GeneratedKey {
    if (key == null || hash == null || !hash.matches(key)) {
      throw new IllegalArgumentException("hash must be the hash of key");
    }
  }

  static GeneratedKey of(String key) {
    return new GeneratedKey(key, KeyHash.of(key));
  }

  /** The line to paste into a client key's entry in the configuration file. */
  public String configLine() {
    return "key-hash: " + hash.text();
  }

  /** The first ten characters and an ellipsis. */
  public String display() {
    return KeyText.display(key);
  }

  @Override
  public String toString() {
    return "GeneratedKey[key=" + display() + ", hash=" + hash + "]";
  }
}
