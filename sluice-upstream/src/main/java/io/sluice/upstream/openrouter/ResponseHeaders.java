package io.sluice.upstream.openrouter;

import java.util.Map;
import java.util.TreeMap;

/**
 * Header lookup, so this module needs no HTTP library. Adapt a client's headers in one line, e.g.
 * {@code name -> response.headers().firstValue(name).orElse(null)} for {@code java.net.http}.
 */
@FunctionalInterface
public interface ResponseHeaders {

  /** The first value of the header, the name matched case-insensitively; null when absent. */
  String first(String name);

  /** No headers (an error that arrived in a body or a stream). */
  static ResponseHeaders none() {
    return name -> null;
  }

  /** Headers from a map, looked up case-insensitively. */
  static ResponseHeaders of(Map<String, String> headers) {
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    return copy::get;
  }
}
