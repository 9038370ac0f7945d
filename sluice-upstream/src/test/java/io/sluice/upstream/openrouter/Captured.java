package io.sluice.upstream.openrouter;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response captured from sluice-simulator with {@code curl -i} (test resources under {@code
 * simulator/}): status line, headers, a blank line, then the body bytes exactly as sent.
 */
record Captured(int status, Map<String, String> headers, byte[] body) {

  static Captured load(String name) {
    byte[] bytes = resource("/simulator/" + name + ".http");
    int split = indexOf(bytes, "\r\n\r\n".getBytes(ISO_8859_1));
    String[] head = new String(bytes, 0, split, ISO_8859_1).split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < head.length; i++) {
      int colon = head[i].indexOf(':');
      headers.put(head[i].substring(0, colon).trim(), head[i].substring(colon + 1).trim());
    }
    int status = Integer.parseInt(head[0].split(" ")[1]);
    return new Captured(status, headers, Arrays.copyOfRange(bytes, split + 4, bytes.length));
  }

  ResponseHeaders responseHeaders() {
    return ResponseHeaders.of(headers);
  }

  private static byte[] resource(String path) {
    try (InputStream in = Captured.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int indexOf(byte[] bytes, byte[] wanted) {
    for (int i = 0; i + wanted.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no blank line after the headers");
  }
}
