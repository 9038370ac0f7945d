package io.sluice.gateway.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.gateway.auth.AuthResult;
import io.sluice.gateway.auth.ClientKey;
import io.sluice.gateway.auth.ClientKeys;
import io.sluice.gateway.auth.Credentials;
import io.sluice.gateway.auth.KeyHash;
import java.util.Optional;

/** Decides whether a request's key opens an endpoint. Immutable. */
final class Gatekeeper {

  private final ClientKeys clientKeys;
  private final Optional<KeyHash> masterKey;

  Gatekeeper(ClientKeys clientKeys, Optional<KeyHash> masterKey) {
    this.clientKeys = clientKeys;
    this.masterKey = masterKey;
  }

  /** What the key lets through. */
  sealed interface Verdict {}

  record Client(ClientKey key) implements Verdict {}

  record Admin() implements Verdict {}

  record Open() implements Verdict {}

  record Refused(ApiError error) implements Verdict {}

  Verdict check(Access access, HttpHeaders headers) {
    return switch (access) {
      case OPEN -> new Open();
      case CLIENT -> client(credentials(headers));
      case ADMIN -> admin(credentials(headers));
    };
  }

  private Verdict client(Credentials credentials) {
    return switch (clientKeys.authenticate(credentials)) {
      case AuthResult.Authenticated ok -> new Client(ok.key());
      case AuthResult.Rejected rejected -> new Refused(ApiError.unauthorized(rejected.message()));
    };
  }

  private Verdict admin(Credentials credentials) {
    if (masterKey.isEmpty()) {
      return new Refused(new ApiError(HttpResponseStatus.NOT_FOUND, "admin_disabled",
          "The admin API is off: set admin.master-key-hash in the configuration to turn it on"));
    }
    return switch (credentials) {
      case Credentials.Presented presented -> masterKey.get().matches(presented.key()) ? new Admin()
          : new Refused(ApiError.unauthorized("Not the admin master key"));
      case AuthResult.Rejected rejected -> new Refused(ApiError.unauthorized(rejected.message()));
    };
  }

  private static Credentials credentials(HttpHeaders headers) {
    return Credentials.fromHeaders(headers.get(HttpHeaderNames.AUTHORIZATION), headers.get("x-api-key"));
  }
}
