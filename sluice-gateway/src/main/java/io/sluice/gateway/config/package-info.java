/**
 * The gateway's configuration: one YAML file read at start-up into immutable records.
 *
 * <p>{@link io.sluice.gateway.config.GatewayConfigs} loads and validates a file; a mistake is an
 * {@link io.sluice.gateway.config.InvalidConfigException} naming the field, its line and what is
 * wrong. {@link io.sluice.gateway.config.GatewayConfig#defaults()} is every default, for demos and
 * tests. Secrets are held as {@link io.sluice.gateway.config.Secret}, which never prints itself.
 * The file format is documented in {@code config/sluice.example.yaml}.
 */
package io.sluice.gateway.config;
