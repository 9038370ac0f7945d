package io.sluice.engine.pacing;

import java.util.Objects;

/**
 * What an {@link AdaptiveLimit} limits: one model, or one provider.
 *
 * @param kind a model or a provider
 * @param name the model id ({@code deepseek/deepseek-chat-v3.1}) or provider name ({@code Chutes})
 */
public record LimitKey(Kind kind, String name) {

  /** Which dimension the key limits. */
  public enum Kind {
    /** A model id, as sent upstream. */
    MODEL,
    /** An upstream provider, as {@code metadata.provider_name} names it. */
    PROVIDER
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
}
