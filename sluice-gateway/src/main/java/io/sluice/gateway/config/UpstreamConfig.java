package io.sluice.gateway.config;

import static io.sluice.gateway.config.Checks.orDefault;
import static io.sluice.gateway.config.Checks.require;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The OpenAI-compatible API the gateway forwards to.
 *
 * @param baseUrl where {@code /chat/completions} and {@code /models} live; OpenRouter's by default.
 *     A trailing slash is dropped
 * @param apiKey sent as {@code Authorization: Bearer}; {@link Secret#none()} sends no key. In a file
 *     it defaults to {@code ${OPENROUTER_API_KEY}}
 * @param attribution the app attribution headers
 * @param timeouts how long each phase of an attempt may take
 * @param catalogTtl how long the upstream's model list is served from memory before it is fetched
 *     again (5m by default)
 * @param caCertificates a PEM file of the certificate authorities to trust for an https upstream,
 *     instead of the JVM's default trust store (for a private upstream or a TLS-inspecting proxy)
 */
public record UpstreamConfig(URI baseUrl, Secret apiKey, Attribution attribution, UpstreamTimeouts timeouts,
    Duration catalogTtl, Optional<Path> caCertificates) {

  public static final URI OPENROUTER = URI.create("https://openrouter.ai/api/v1");
  public static final UpstreamConfig DEFAULTS = new UpstreamConfig(null, null, null, null, null, null);

  public UpstreamConfig {
    baseUrl = checkBaseUrl(orDefault(baseUrl, OPENROUTER));
    apiKey = orDefault(apiKey, Secret.none());
    attribution = orDefault(attribution, Attribution.NONE);
    timeouts = orDefault(timeouts, UpstreamTimeouts.DEFAULTS);
    catalogTtl = Checks.positive(catalogTtl, Duration.ofMinutes(5), "catalog-ttl");
    caCertificates = orDefault(caCertificates, Optional.empty());
    caCertificates.ifPresent(file -> require(Files.isReadable(file),
        "ca-certificates: cannot read '" + file + "'; give a PEM file of CA certificates"));
  }

  public UpstreamConfig withBaseUrl(URI url) {
    return new UpstreamConfig(url, apiKey, attribution, timeouts, catalogTtl, caCertificates);
  }

  public UpstreamConfig withApiKey(Secret key) {
    return new UpstreamConfig(baseUrl, key, attribution, timeouts, catalogTtl, caCertificates);
  }

  public UpstreamConfig withAttribution(Attribution newAttribution) {
    return new UpstreamConfig(baseUrl, apiKey, newAttribution, timeouts, catalogTtl, caCertificates);
  }

  public UpstreamConfig withCaCertificates(Path pemFile) {
    return new UpstreamConfig(baseUrl, apiKey, attribution, timeouts, catalogTtl, Optional.of(pemFile));
  }

  public UpstreamConfig withCatalogTtl(Duration ttl) {
    return new UpstreamConfig(baseUrl, apiKey, attribution, timeouts, ttl, caCertificates);
  }

  public UpstreamConfig withTimeouts(UpstreamTimeouts newTimeouts) {
    return new UpstreamConfig(baseUrl, apiKey, attribution, newTimeouts, catalogTtl, caCertificates);
  }

  private static URI checkBaseUrl(URI url) {
    // Checked first so that no later message repeats a URL that carries a password.
    require(url.getRawUserInfo() == null, "base-url must not carry credentials (user:password@); the key goes in api-key");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    require((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null,
        "base-url must be an http or https URL such as " + OPENROUTER + ", was '" + url + "'");
    require(url.getRawQuery() == null && url.getRawFragment() == null,
        "base-url must not have a query or fragment (not repeated here: some APIs put keys there)");
    String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
    return URI.create(scheme + "://" + url.getRawAuthority() + path);
  }
}
