package io.sluice.upstream.sse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.upstream.sse.Recorder.Comment;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SseParserPropertyTest {

  /** A stream's bytes and what a parser must report for them. */
  record Encoded(byte[] bytes, List<Object> expected) {
    @Override
    public String toString() {
      return new String(bytes, UTF_8).replace("\r", "\\r").replace("\n", "\\n\n");
    }
  }

  /** One block of lines ended by a blank line. Null type/id: the field is not sent. */
  record Block(List<String> comments, String type, String id, boolean retry, List<String> data, List<Boolean> spaces) {}

  @Property
  void anySplitOfAStreamYieldsTheEventsItEncodes(
      @ForAll("streams") Encoded stream, @ForAll @Size(max = 24) List<@IntRange(max = 100_000) Integer> cuts) {
    Recorder whole = new Recorder();
    SseParser wholeParser = new SseParser(whole);
    wholeParser.feed(stream.bytes());
    Recorder split = new Recorder();
    SseParser splitParser = new SseParser(split);
    feedSplit(splitParser, stream.bytes(), cuts);

    assertThat(whole.seen).isEqualTo(stream.expected());
    assertThat(split.seen).isEqualTo(stream.expected());
    assertThat(wholeParser.finish()).isTrue();
    assertThat(splitParser.finish()).isTrue();
  }

  @Property
  void theSizeBoundTripsAtTheSamePlaceHoweverTheStreamIsSplit(
      @ForAll("streams") Encoded stream, @ForAll @Size(max = 24) List<@IntRange(max = 100_000) Integer> cuts,
      @ForAll @IntRange(min = 1, max = 40) int bound) {
    Recorder whole = new Recorder();
    boolean wholeFailed = failsAtBound(() -> new SseParser(whole, bound).feed(stream.bytes()));
    Recorder split = new Recorder();
    boolean splitFailed = failsAtBound(() -> feedSplit(new SseParser(split, bound), stream.bytes(), cuts));

    assertThat(splitFailed).isEqualTo(wholeFailed);
    assertThat(split.seen).isEqualTo(whole.seen);
  }

  @Provide
  Arbitrary<Encoded> streams() {
    Arbitrary<List<Block>> blocks = block().list().ofMaxSize(8);
    Arbitrary<List<String>> lineEnds = Arbitraries.of("\n", "\r\n", "\r").list().ofMinSize(1).ofMaxSize(6);
    return Combinators.combine(blocks, lineEnds, Arbitraries.of(true, false)).as(SseParserPropertyTest::encode);
  }

  private Arbitrary<Block> block() {
    Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
    return Combinators.combine(
            text().list().ofMaxSize(2),
            word.injectNull(0.7),
            text().injectNull(0.8),
            Arbitraries.of(true, false),
            text().list().ofMaxSize(4),
            Arbitraries.of(true, false).list().ofMinSize(8).ofMaxSize(8))
        .as(Block::new);
  }

  /** Field values: ASCII, JSON-ish pieces, colons, leading spaces and multi-byte code points. */
  private static Arbitrary<String> text() {
    Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12);
    Arbitrary<String> piece = Arbitraries.of(
        " ", ":", "data: x", "é", "世界", "🚀", "{\"k\":[1,2]}", "[DONE]", "\t", "\u00a0", "OPENROUTER PROCESSING");
    return Arbitraries.oneOf(ascii, piece).list().ofMaxSize(5).map(parts -> String.join("", parts));
  }

  private static Encoded encode(List<Block> blocks, List<String> lineEnds, boolean bom) {
    Writer out = new Writer(lineEnds);
    if (bom) {
      out.bytes.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    List<Object> expected = new ArrayList<>();
    String lastId = "";
    for (Block block : blocks) {
      for (int i = 0; i < block.comments().size(); i++) {
        out.line(":" + value(block.comments().get(i), block.spaces().get(i)));
        expected.add(new Comment(block.comments().get(i)));
      }
      if (block.type() != null) {
        out.line("event:" + value(block.type(), block.spaces().get(2)));
      }
      if (block.id() != null) {
        out.line("id:" + value(block.id(), block.spaces().get(3)));
        lastId = block.id();
      }
      if (block.retry()) {
        out.line("retry: 2500");
      }
      for (int i = 0; i < block.data().size(); i++) {
        out.line("data:" + value(block.data().get(i), block.spaces().get(4 + i)));
      }
      out.line("");
      if (!block.data().isEmpty()) {
        String type = block.type() == null ? SseEvent.DEFAULT_TYPE : block.type();
        expected.add(new SseEvent(type, String.join("\n", block.data()), lastId));
      }
    }
    return new Encoded(out.bytes.toByteArray(), expected);
  }

  /** The value after the colon, with or without the optional space (which the parser drops). */
  private static String value(String value, boolean withSpace) {
    return withSpace || value.startsWith(" ") ? " " + value : value;
  }

  /** Writes lines with line ends taken in turn from a list. */
  private static final class Writer {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<String> lineEnds;
    private int next;
    private String previous = "";

    Writer(List<String> lineEnds) {
      this.lineEnds = lineEnds;
    }

    void line(String text) {
      String end = lineEnds.get(next++ % lineEnds.size());
      if (text.isEmpty() && previous.equals("\r") && end.equals("\n")) {
        end = "\r"; // CR then a lone LF would read as one CRLF, swallowing this blank line
      }
      bytes.writeBytes(text.getBytes(UTF_8));
      bytes.writeBytes(end.getBytes(UTF_8));
      previous = end;
    }
  }

  private static void feedSplit(SseParser parser, byte[] bytes, List<Integer> cuts) {
    TreeSet<Integer> points = new TreeSet<>();
    cuts.forEach(cut -> points.add(cut % (bytes.length + 1)));
    points.add(bytes.length);
    int from = 0;
    for (int to : points) {
      parser.feed(bytes, from, to - from);
      from = to;
    }
  }

  private static boolean failsAtBound(Runnable feeding) {
    try {
      feeding.run();
      return false;
    } catch (SseEventTooLargeException e) {
      return true;
    }
  }
}
