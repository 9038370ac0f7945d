package io.sluice.gateway.auth;

/**
 * The outcome of checking a request's key. A rejection's {@link Rejected#message() message} is
 * written for the client and never contains the key.
 */
public sealed interface AuthResult permits AuthResult.Authenticated, AuthResult.Rejected {

  /** The key is one of ours. */
  record Authenticated(ClientKey key) implements AuthResult {}

  /** No key, a malformed one, or an unknown one. */
  sealed interface Rejected extends AuthResult permits Missing, Malformed, Unknown {
    String message();
  }

  /** Neither header carries anything. */
  record Missing() implements Rejected, Credentials {
    @Override
    public String message() {
      return "No API key: send 'Authorization: Bearer <your Sluice key>'";
    }
  }

  /** The headers carry something that cannot be a key; {@code reason} says what. */
  record Malformed(String reason) implements Rejected, Credentials {
    @Override
    public String message() {
      return reason;
    }
  }

  /** A well-formed key that is not ours. */
  record Unknown(String message) implements Rejected {

    /** Explains a rejected {@code key} without repeating it. */
    static Unknown of(String key) {
      return new Unknown(key.startsWith("sk-or-")
          ? "Unknown API key: this is an OpenRouter key; clients of the gateway send a Sluice key (sk-sluice-…)"
          : "Unknown API key");
    }
  }
}
