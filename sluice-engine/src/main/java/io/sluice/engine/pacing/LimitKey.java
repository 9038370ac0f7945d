package io.sluice.engine.pacing;

import java.util.Objects;

/**
 * What an {@link AdaptiveLimit} limits: one model, one provider, or one provider serving one model.
 *
 * @param kind a model, a provider, or both
 * @param name the model id ({@code deepseek/deepseek-chat-v3.1}), the provider name ({@code
 *     Chutes}), or both as {@code model|provider}
 */
public record LimitKey(Kind kind, String name) {

  /** Which dimension the key limits. */
  public enum Kind {
    /** A model id, as sent upstream. */
    MODEL,
    /** An upstream provider, as {@code metadata.provider_name} names it. */
    PROVIDER,
    /** One provider serving one model: where the upstream's own throttles usually apply. */
    MODEL_PROVIDER
  }

  public LimitKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** The key of a model. */
  public static LimitKey model(String id) {
    return new LimitKey(Kind.MODEL, id);
  }

  /** The key of a provider. */
  public static LimitKey provider(String name) {
    return new LimitKey(Kind.PROVIDER, name);
  }

  /** The key of {@code provider} serving {@code model} (model ids hold no {@code |}). */
  public static LimitKey providerOf(String model, String provider) {
    return new LimitKey(Kind.MODEL_PROVIDER, model + "|" + provider);
  }
}
