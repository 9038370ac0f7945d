package io.sluice.upstream.sse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.upstream.sse.Recorder.Comment;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseParserTest {

  private final Recorder recorder = new Recorder();
  private final SseParser parser = new SseParser(recorder);

  @Test
  void aBlankLineDispatchesTheDataBeforeIt() {
    feed("data: {\"a\":1}\n");
    assertThat(recorder.seen).isEmpty();

    feed("\n");

    assertThat(recorder.seen).containsExactly(SseEvent.data("{\"a\":1}"));
  }

  @Test
  void dataLinesOfOneEventAreJoinedWithNewlines() {
    feed("data: first\ndata: second\ndata:\ndata: fourth\n\n");

    assertThat(recorder.data()).containsExactly("first\nsecond\n\nfourth");
  }

  @Test
  void onlyOneSpaceAfterTheColonIsDropped() {
    feed("data:no space\n\ndata:  two spaces\n\ndata:\ttab\n\n");

    assertThat(recorder.data()).containsExactly("no space", " two spaces", "\ttab");
  }

  @Test
  void aFieldWithoutAColonHasAnEmptyValue() {
    feed("data\n\n");

    assertThat(recorder.data()).containsExactly("");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", "\r"})
  void linesMayEndInLfCrlfOrCr(String eol) {
    feed(": ping" + eol + "data: a" + eol + "data: b" + eol + eol + "data: c" + eol + eol);

    assertThat(recorder.seen).containsExactly(
        new Comment("ping"), SseEvent.data("a\nb"), SseEvent.data("c"));
  }

  @Test
  void aCrlfSplitBetweenFeedsIsOneLineEnd() {
    feed("data: a\r");
    feed("\ndata: b\r");
    feed("\n\r");
    feed("\n");

    assertThat(recorder.data()).containsExactly("a\nb");
  }

  @Test
  void openRouterKeepAliveCommentsAreReportedAndDispatchNothing() {
    feed(": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\ndata: {}\n\n");

    assertThat(recorder.seen).containsExactly(
        new Comment("OPENROUTER PROCESSING"), new Comment("OPENROUTER PROCESSING"), SseEvent.data("{}"));
  }

  @Test
  void aBlockWithoutDataDispatchesNothingAndForgetsItsType() {
    feed("event: lonely\n\ndata: x\n\n");

    assertThat(recorder.events()).containsExactly(SseEvent.data("x"));
  }

  @Test
  void eventTypeAppliesToOneEventAndTheIdCarriesOver() {
    feed("event: error\nid: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\n");

    assertThat(recorder.events()).containsExactly(
        new SseEvent("error", "a", "7"), new SseEvent("message", "b", "7"), new SseEvent("message", "c", ""));
  }

  @Test
  void anIdContainingNulIsIgnored() {
    feed("id: 1\n\nid: bad\0id\ndata: x\n\n");

    assertThat(recorder.events()).containsExactly(new SseEvent("message", "x", "1"));
  }

  @Test
  void retryAndUnknownFieldsAreTolerated() {
    feed("retry: 3000\nretry: soon\nfoo: bar\nDATA: shouting\ndata: kept\n\n");

    assertThat(recorder.events()).containsExactly(SseEvent.data("kept"));
  }

  @Test
  void aCodePointSplitAcrossFeedsIsDecodedWhole() {
    byte[] bytes = "data: héllo 🚀 世界\n\n".getBytes(UTF_8);
    for (byte b : bytes) {
      parser.feed(new byte[] {b});
    }

    assertThat(recorder.data()).containsExactly("héllo 🚀 世界");
  }

  @Test
  void malformedUtf8BecomesTheReplacementCharacter() {
    parser.feed(new byte[] {'d', 'a', 't', 'a', ':', (byte) 0xC3, 'x', '\n', '\n'});

    assertThat(recorder.data()).containsExactly("\uFFFDx");
  }

  @Test
  void aLeadingByteOrderMarkIsSkippedEvenWhenSplit() {
    parser.feed(new byte[] {(byte) 0xEF});
    parser.feed(new byte[] {(byte) 0xBB, (byte) 0xBF, 'd'});
    feed("ata: x\n\n");

    assertThat(recorder.data()).containsExactly("x");
  }

  @Test
  void bytesThatOnlyStartLikeAByteOrderMarkBelongToTheFirstLine() {
    parser.feed(new byte[] {(byte) 0xEF, (byte) 0xBB});
    feed("\ndata: x\n\n");

    assertThat(recorder.data()).containsExactly("x");
  }

  @Test
  void theDoneMarkerIsAnEventThatSaysSo() {
    feed("data: [DONE]\n\n");

    assertThat(recorder.events()).singleElement().satisfies(e -> assertThat(e.isDone()).isTrue());
  }

  @Test
  void finishingOnAnEventBoundaryIsClean() {
    feed("data: a\n\n: trailing comment\n");

    assertThat(parser.finish()).isTrue();
  }

  @Test
  void finishingInsideAnEventDiscardsItAndSaysSo() {
    feed("data: a\n\ndata: cut sh");

    assertThat(parser.finish()).isFalse();
    assertThat(recorder.data()).containsExactly("a");
  }

  @Test
  void finishingAfterDataLinesWithoutTheBlankLineDiscardsThem() {
    feed("data: a\n");

    assertThat(parser.finish()).isFalse();
    assertThat(recorder.seen).isEmpty();
  }

  @Test
  void aFinishedParserRefusesInput() {
    parser.finish();

    assertThatThrownBy(() -> feed("data: x\n\n")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void finishingTwiceGivesTheSameAnswer() {
    feed("data: a\n\ndata: b");

    assertThat(parser.finish()).isFalse();
    assertThat(parser.finish()).isFalse();
  }

  @Test
  void aFailedParserFinishesUnclean() {
    SseParser small = new SseParser(recorder, 8);
    assertThatThrownBy(() -> small.feed("data: 0123456789\n\n".getBytes(UTF_8)))
        .isInstanceOf(SseEventTooLargeException.class);

    assertThat(small.finish()).isFalse();
  }

  @Test
  void anEndlessLineFailsAtTheBoundWithoutBufferingMore() {
    SseParser small = new SseParser(recorder, 64);
    small.feed(("data: " + "x".repeat(50)).getBytes(UTF_8));

    assertThatThrownBy(() -> small.feed("x".repeat(20).getBytes(UTF_8)))
        .isInstanceOf(SseEventTooLargeException.class)
        .hasMessage("an SSE event exceeded 64 bytes before it ended; the stream was not parsed further")
        .satisfies(e -> assertThat(((SseEventTooLargeException) e).maxEventBytes()).isEqualTo(64));
    assertThatThrownBy(() -> small.feed("\n\n".getBytes(UTF_8))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void manyShortDataLinesFailOnceTheEventDataPassesTheBound() {
    SseParser small = new SseParser(recorder, 16);
    small.feed("data: 12345\ndata: 12345\n".getBytes(UTF_8));

    assertThatThrownBy(() -> small.feed("data: 12345\n".getBytes(UTF_8)))
        .isInstanceOf(SseEventTooLargeException.class);
  }

  @Test
  void anEventExactlyAtTheBoundPasses() {
    SseParser small = new SseParser(recorder, 16);
    small.feed("data:0123456789A\n\n".getBytes(UTF_8));

    assertThat(recorder.data()).containsExactly("0123456789A");
  }

  @Test
  void theBoundDoesNotAccumulateAcrossEventsOrComments() {
    SseParser small = new SseParser(recorder, 16);
    for (int i = 0; i < 100; i++) {
      small.feed(": keep-alive\ndata: 0123456789\n\n".getBytes(UTF_8));
    }

    assertThat(recorder.events()).hasSize(100);
  }

  @Test
  void aListenerFailureStopsTheParser() {
    SseParser strict = new SseParser(event -> {
      throw new IllegalArgumentException("listener says no");
    });

    assertThatThrownBy(() -> strict.feed("data: x\n\n".getBytes(UTF_8))).hasMessage("listener says no");
    assertThatThrownBy(() -> strict.feed("data: y\n\n".getBytes(UTF_8))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aSliceOfAnArrayIsReadAndNothingAroundIt() {
    byte[] bytes = "XXdata: x\n\nYY".getBytes(UTF_8);
    parser.feed(bytes, 2, bytes.length - 4);

    assertThat(recorder.data()).containsExactly("x");
    assertThat(parser.finish()).isTrue();
  }

  @Test
  void byteBuffersAreReadWithoutMovingTheirPosition() {
    ByteBuffer heap = ByteBuffer.wrap("data: heap\n\n".getBytes(UTF_8));
    ByteBuffer direct = ByteBuffer.allocateDirect(20_000);
    direct.put(("data: " + "d".repeat(19_000) + "\n\n").getBytes(UTF_8)).flip();
    ByteBuffer readOnly = ByteBuffer.wrap("data: ro\n\n".getBytes(UTF_8)).asReadOnlyBuffer();

    parser.feed(heap);
    parser.feed(direct);
    parser.feed(readOnly);

    assertThat(recorder.data()).containsExactly("heap", "d".repeat(19_000), "ro");
    assertThat(heap.position()).isZero();
    assertThat(direct.position()).isZero();
    assertThat(readOnly.position()).isZero();
  }

  @Test
  void aRealOpenRouterStreamIsReadWhole() {
    feed("""
        : OPENROUTER PROCESSING

        : OPENROUTER PROCESSING

        data: {"id":"gen-1","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}

        data: {"id":"gen-1","choices":[],"usage":{"prompt_tokens":8,"completion_tokens":1,"total_tokens":9}}

        data: [DONE]

        """);

    assertThat(recorder.seen).hasSize(5);
    assertThat(recorder.events()).hasSize(3).last().satisfies(e -> assertThat(e.isDone()).isTrue());
    assertThat(parser.finish()).isTrue();
  }

  private void feed(String text) {
    parser.feed(text.getBytes(UTF_8));
  }
}
