/**
 * Who is calling: Sluice client keys and the admin key.
 *
 * <p>Keys are never stored, only their SHA-256 ({@link io.sluice.gateway.auth.KeyHash}). A request's
 * headers become {@link io.sluice.gateway.auth.Credentials}; {@link io.sluice.gateway.auth.ClientKeys}
 * turns those into an {@link io.sluice.gateway.auth.AuthResult}. New keys come from
 * {@link io.sluice.gateway.auth.ClientKeyGenerator}. No type here prints a key: {@code toString()}
 * shows at most {@link io.sluice.gateway.auth.Credentials.Presented#display() the display form}.
 */
package io.sluice.gateway.auth;
