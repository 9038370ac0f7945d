package io.sluice.gateway.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The app attribution headers OpenRouter reads to credit traffic to an app. Empty values are not sent.
 *
 * @param referer sent as {@code HTTP-Referer}: the app's URL
 * @param title sent as {@code X-Title}: the app's name
 */
public record Attribution(String referer, String title) {

  public static final Attribution NONE = new Attribution(null, null);

  public Attribution {
    referer = Checks.headerValue(referer, "referer");
    title = Checks.headerValue(title, "title");
  }

  /** The headers to send upstream, by name, in a stable order. */
  public Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    if (!referer.isEmpty()) {
      headers.put("HTTP-Referer", referer);
    }
    if (!title.isEmpty()) {
      headers.put("X-Title", title);
    }
    return Map.copyOf(headers);
  }
}
