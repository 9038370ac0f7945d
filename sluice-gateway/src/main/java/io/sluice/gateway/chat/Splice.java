package io.sluice.gateway.chat;

import java.util.Comparator;
import java.util.List;

/** Replaces ranges of a body's bytes, leaving every other byte as it was. */
final class Splice {

  /**
   * The bytes {@code [start, end)} of the original become {@code bytes}; {@code start == end}
   * inserts.
   */
  record Edit(int start, int end, byte[] bytes) {}

  private Splice() {}

  /** {@code body} with {@code edits} applied; the ranges must not overlap. */
  static byte[] apply(byte[] body, List<Edit> edits) {
    List<Edit> ordered = edits.stream().sorted(Comparator.comparingInt(Edit::start)).toList();
    int length = body.length;
    for (Edit edit : ordered) {
      length += edit.bytes().length - (edit.end() - edit.start());
    }
    byte[] spliced = new byte[length];
    int from = 0;
    int to = 0;
    for (Edit edit : ordered) {
      System.arraycopy(body, from, spliced, to, edit.start() - from);
      to += edit.start() - from;
      System.arraycopy(edit.bytes(), 0, spliced, to, edit.bytes().length);
      to += edit.bytes().length;
      from = edit.end();
    }
    System.arraycopy(body, from, spliced, to, body.length - from);
    return spliced;
  }
}
