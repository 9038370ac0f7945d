package io.sluice.gateway.server;

import io.netty.handler.codec.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which endpoint answers which method and path. Paths match exactly, ignoring the query and a trailing slash. */
public final class RouteTable {

  private final Map<String, Map<HttpMethod, Binding>> byPath;

  private RouteTable(Map<String, Map<HttpMethod, Binding>> byPath) {
    this.byPath = byPath;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** An endpoint and who may call it. */
  record Binding(Access access, Endpoint endpoint) {}

  /** What a request's method and path lead to. */
  sealed interface Match {}

  record Found(Binding binding) implements Match {}

  record NoSuchPath() implements Match {}

  record WrongMethod(List<HttpMethod> allowed) implements Match {}

  Match find(HttpMethod method, String uri) {
    Map<HttpMethod, Binding> methods = byPath.get(pathOf(uri));
    if (methods == null) {
      return new NoSuchPath();
    }
    Binding binding = methods.get(method);
    return binding != null ? new Found(binding) : new WrongMethod(List.copyOf(methods.keySet()));
  }

  static String pathOf(String uri) {
    int end = uri.length();
    int query = uri.indexOf('?');
    if (query >= 0) {
      end = query;
    }
    int fragment = uri.indexOf('#');
    if (fragment >= 0 && fragment < end) {
      end = fragment;
    }
    while (end > 1 && uri.charAt(end - 1) == '/') {
      end--;
    }
    return uri.substring(0, end);
  }

  /** Collects bindings; a method and path may be bound once. */
  public static final class Builder {
    private final Map<String, Map<HttpMethod, Binding>> byPath = new LinkedHashMap<>();

    public Builder add(HttpMethod method, String path, Access access, Endpoint endpoint) {
      Binding previous = byPath.computeIfAbsent(path, p -> new LinkedHashMap<>())
          .putIfAbsent(method, new Binding(access, endpoint));
      if (previous != null) {
        throw new IllegalArgumentException(method + " " + path + " is bound twice");
      }
      return this;
    }

    public RouteTable build() {
      Map<String, Map<HttpMethod, Binding>> copy = new LinkedHashMap<>();
      byPath.forEach((path, methods) -> copy.put(path, Map.copyOf(methods)));
      return new RouteTable(Map.copyOf(copy));
    }
  }
}
