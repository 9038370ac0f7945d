package io.sluice.gateway.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An upstream that records every request it receives, exactly as received, and answers with a
 * canned response, or with what a real upstream behind it answers ({@link #forwardingTo}): for
 * checking what the gateway sends, byte for byte.
 */
final class RecordingUpstream implements AutoCloseable {

  /** One request as the upstream saw it. */
  record Received(String method, String path, Headers headers, byte[] body) {
    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** What the upstream answers. */
  record Answer(int status, String contentType, String body) {}

  static final String CHAT_ANSWER = """
      {"id":"gen-rec-1","object":"chat.completion","created":1,"model":"rec/model","provider":"Recorder",\
      "choices":[{"index":0,"message":{"role":"assistant","content":"recorded"},"finish_reason":"stop"}],\
      "usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}""";

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicReference<Answer> answer =
      new AtomicReference<>(new Answer(200, "application/json", CHAT_ANSWER));
  private URI forwardTo;
  private HttpClient forwarder;

  /**
   * A recorder that passes every request on to {@code upstream} ({@code http://host:port}, the same
   * paths) and answers what it answers, whole: plain answers only, a stream arrives in one piece.
   */
  static RecordingUpstream forwardingTo(URI upstream) {
    RecordingUpstream recorder = new RecordingUpstream();
    recorder.forwardTo = upstream;
    recorder.forwarder = HttpClient.newHttpClient();
    return recorder;
  }

  RecordingUpstream() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  URI apiBase() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1");
  }

  void answerWith(Answer next) {
    answer.set(next);
  }

  /** Every request received, the gateway's own readings of /models and /key included. */
  List<Received> received() {
    return List.copyOf(received);
  }

  /** The chat completion requests received. */
  List<Received> chats() {
    return received.stream().filter(r -> r.path().endsWith("/chat/completions")).toList();
  }

  Received last() {
    return chats().getLast();
  }

  void clear() {
    received.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        exchange.getRequestHeaders(), body));
    Answer reply = forwardTo == null ? answer.get() : forward(exchange, body);
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private Answer forward(HttpExchange exchange, byte[] body) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(forwardTo.resolve(exchange.getRequestURI().getRawPath()))
        .method(exchange.getRequestMethod(), body.length == 0 ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
    for (String name : List.of("Authorization", "Content-Type", "Accept")) {
      String value = exchange.getRequestHeaders().getFirst(name);
      if (value != null) {
        request.header(name, value);
      }
    }
    try {
      HttpResponse<String> response = forwarder.send(request.build(), BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/json"),
          response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forwarding", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    if (forwarder != null) {
      forwarder.close();
    }
  }
}
