package io.sluice.upstream.sse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An incremental server-sent-events parser: feed it the body of a {@code text/event-stream}
 * response in chunks of any size, split anywhere (inside a line, a {@code \r\n} pair or a UTF-8
 * code point), and it calls the listener exactly as if the whole stream had been fed at once.
 *
 * <p>It follows the WHATWG event-stream rules: lines end in LF, CRLF or CR; a line starting with
 * a colon is a comment; {@code field: value} loses one space after the colon; {@code data} lines
 * of one event are joined with LF; a blank line dispatches the event, unless it had no data; one
 * leading UTF-8 byte-order mark is skipped; {@code event} and {@code id} are carried on the event;
 * {@code retry} and unknown fields are ignored. Text is decoded as UTF-8 (malformed bytes become
 * U+FFFD) only once a line or event is complete.
 *
 * <pre>{@code
 * SseParser parser = new SseParser(listener);   // e.g. a ResponseObserver
 * for (ByteBuffer chunk : body) {   // forward the chunk unchanged, then:
 *   parser.feed(chunk);             // reads it without moving its position
 * }
 * boolean complete = parser.finish();
 * }</pre>
 *
 * <p><b>Bound.</b> No single line and no event's data may exceed {@code maxEventBytes}; the parser
 * throws {@link SseEventTooLargeException} as soon as one would, so a line that never ends cannot
 * make it buffer without limit. Only partial lines and the current event's data are buffered.
 *
 * <p>Not thread-safe: one parser per stream, fed by one thread at a time. After any exception out
 * of {@link #feed} (a bound, or the listener's own) the parser refuses further input.
 */
public final class SseParser {

  /** Room for the largest chunks OpenRouter can send: a debug echo of the request, or an inline image. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 8 * 1024 * 1024;

  private static final byte LF = '\n';
  private static final byte CR = '\r';
  private static final byte COLON = ':';
  private static final byte SPACE = ' ';
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final byte[] DATA = ascii("data");
  private static final byte[] EVENT = ascii("event");
  private static final byte[] ID = ascii("id");
  private static final int SCRATCH_BYTES = 8 * 1024;

  private final SseListener listener;
  private final int maxEventBytes;
  private final ByteAccumulator line;
  private final ByteAccumulator data;
  private byte[] scratch;

  private boolean hasData;
  private String eventType;
  private String lastEventId = "";
  private boolean afterCr;
  private int bomMatched;
  private boolean bomPending = true;
  private boolean failed;
  private boolean finished;

  /** A parser with the {@linkplain #DEFAULT_MAX_EVENT_BYTES default bound}. */
  public SseParser(SseListener listener) {
    this(listener, DEFAULT_MAX_EVENT_BYTES);
  }

  /** A parser that fails on any line or event data longer than {@code maxEventBytes}. */
  public SseParser(SseListener listener, int maxEventBytes) {
    this.listener = Objects.requireNonNull(listener, "listener");
    if (maxEventBytes < 1) {
      throw new IllegalArgumentException("maxEventBytes must be positive, was " + maxEventBytes);
    }
    this.maxEventBytes = maxEventBytes;
    this.line = new ByteAccumulator(maxEventBytes);
    this.data = new ByteAccumulator(maxEventBytes);
  }

  /** Feeds all of {@code bytes}. */
  public void feed(byte[] bytes) {
    feed(bytes, 0, bytes.length);
  }

  /** Feeds {@code length} bytes of {@code bytes} from {@code offset}; the array is not kept. */
  public void feed(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    requireOpen();
    try {
      parse(bytes, offset, offset + length);
    } catch (RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  /**
   * Feeds the buffer's remaining bytes without changing its position or limit, so the same buffer
   * can still be forwarded.
   */
  public void feed(ByteBuffer buffer) {
    if (buffer.hasArray()) {
      feed(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
      return;
    }
    if (scratch == null) {
      scratch = new byte[SCRATCH_BYTES];
    }
    for (int at = buffer.position(); at < buffer.limit(); ) {
      int n = Math.min(scratch.length, buffer.limit() - at);
      buffer.get(at, scratch, 0, n);
      feed(scratch, 0, n);
      at += n;
    }
  }

  /**
   * Ends the stream. An event not yet ended by a blank line is discarded, as the standard says.
   *
   * <p>Idempotent, and safe to call on a parser that failed.
   *
   * @return true if the stream ended on an event boundary; false if a partial line or an
   *     undispatched event was discarded (the stream was cut short), or if the parser failed
   */
  public boolean finish() {
    finished = true;
    boolean partialBom = bomPending && bomMatched > 0;
    return !failed && line.length() == 0 && !hasData && !partialBom;
  }

  private void parse(byte[] bytes, int from, int end) {
    int i = bomPending ? skipBom(bytes, from, end) : from;
    while (i < end) {
      if (afterCr) {
        afterCr = false;
        if (bytes[i] == LF) {
          i++;
          continue;
        }
      }
      int eol = lineEnd(bytes, i, end);
      if (eol == end) {
        hold(bytes, i, end);
        return;
      }
      if (line.length() == 0) {
        line(bytes, i, eol);
      } else {
        hold(bytes, i, eol);
        line(line.array(), 0, line.length());
        line.clear();
      }
      afterCr = bytes[eol] == CR;
      i = eol + 1;
    }
  }

  /** Skips a leading byte-order mark, which may itself arrive split across feeds. */
  private int skipBom(byte[] bytes, int from, int end) {
    int i = from;
    while (i < end && bomMatched < BOM.length) {
      if (bytes[i] != BOM[bomMatched]) {
        bomPending = false;
        hold(BOM, 0, bomMatched); // what looked like a BOM was the start of the first line
        return i;
      }
      bomMatched++;
      i++;
    }
    bomPending = bomMatched < BOM.length;
    return i;
  }

  private void hold(byte[] bytes, int from, int to) {
    if ((long) line.length() + (to - from) > maxEventBytes) {
      throw new SseEventTooLargeException(maxEventBytes);
    }
    line.append(bytes, from, to);
  }

  private void line(byte[] bytes, int from, int to) {
    if (from == to) {
      dispatch();
      return;
    }
    if (to - from > maxEventBytes) {
      throw new SseEventTooLargeException(maxEventBytes);
    }
    if (bytes[from] == COLON) {
      listener.onComment(text(bytes, withoutOneSpace(bytes, from + 1, to), to));
      return;
    }
    int colon = indexOf(bytes, from, to, COLON);
    int nameEnd = colon < 0 ? to : colon;
    int valueFrom = colon < 0 ? to : withoutOneSpace(bytes, colon + 1, to);
    field(bytes, from, nameEnd, valueFrom, to);
  }

  private void field(byte[] bytes, int from, int nameEnd, int valueFrom, int to) {
    int nameLength = nameEnd - from;
    if (nameLength == DATA.length && startsWith(bytes, from, DATA)) {
      appendData(bytes, valueFrom, to);
    } else if (nameLength == EVENT.length && startsWith(bytes, from, EVENT)) {
      eventType = text(bytes, valueFrom, to);
    } else if (nameLength == ID.length && startsWith(bytes, from, ID) && indexOf(bytes, valueFrom, to, (byte) 0) < 0) {
      lastEventId = text(bytes, valueFrom, to);
    }
    // "retry" sets the reconnection delay; a proxy never reconnects an LLM stream (that would be a
    // new, billed generation), so it is ignored like any unknown field.
  }

  private void appendData(byte[] bytes, int from, int to) {
    int separator = hasData ? 1 : 0;
    if ((long) data.length() + separator + (to - from) > maxEventBytes) {
      throw new SseEventTooLargeException(maxEventBytes);
    }
    if (hasData) {
      data.append(LF);
    }
    data.append(bytes, from, to);
    hasData = true;
  }

  private void dispatch() {
    String type = eventType == null || eventType.isEmpty() ? SseEvent.DEFAULT_TYPE : eventType;
    eventType = null;
    if (!hasData) {
      return;
    }
    String text = data.decode();
    data.clear();
    hasData = false;
    listener.onEvent(new SseEvent(type, text, lastEventId));
  }

  private void requireOpen() {
    if (failed) {
      throw new IllegalStateException("this SSE parser failed earlier and cannot continue");
    }
    if (finished) {
      throw new IllegalStateException("this SSE parser was finished");
    }
  }

  private static int lineEnd(byte[] bytes, int from, int end) {
    for (int i = from; i < end; i++) {
      byte b = bytes[i];
      if (b == LF || b == CR) {
        return i;
      }
    }
    return end;
  }

  private static int indexOf(byte[] bytes, int from, int to, byte wanted) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static int withoutOneSpace(byte[] bytes, int from, int to) {
    return from < to && bytes[from] == SPACE ? from + 1 : from;
  }

  private static boolean startsWith(byte[] bytes, int from, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[from + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] bytes, int from, int to) {
    return from == to ? "" : new String(bytes, from, to - from, StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
