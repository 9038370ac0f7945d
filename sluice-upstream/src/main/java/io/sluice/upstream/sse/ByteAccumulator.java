package io.sluice.upstream.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A byte buffer that grows on demand up to a cap, and gives back its memory after a large use. */
final class ByteAccumulator {

  private static final int INITIAL = 256;
  private static final int KEEP_AT_MOST = 64 * 1024;

  private final int cap;
  private byte[] bytes = new byte[INITIAL];
  private int length;

  ByteAccumulator(int cap) {
    this.cap = cap;
  }

  int length() {
    return length;
  }

  byte[] array() {
    return bytes;
  }

  /** Callers check the cap first; growth never allocates past it. */
  void append(byte[] source, int from, int to) {
    int n = to - from;
    ensure(length + n);
    System.arraycopy(source, from, bytes, length, n);
    length += n;
  }

  void append(byte b) {
    ensure(length + 1);
    bytes[length++] = b;
  }

  String decode() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  void clear() {
    length = 0;
    if (bytes.length > KEEP_AT_MOST) {
      bytes = new byte[INITIAL];
    }
  }

  private void ensure(int needed) {
    if (needed > bytes.length) {
      int doubled = (int) Math.min((long) bytes.length * 2, cap);
      bytes = Arrays.copyOf(bytes, Math.max(needed, doubled));
    }
  }
}
