package io.sluice.upstream.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.upstream.sse.SseParser;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The parser and the observer together, on real simulator streams cut into arbitrary chunks. */
class CapturedStreamSplitPropertyTest {

  @Property(tries = 200)
  void anySplitOfACapturedStreamIsAccountedAsTheWhole(
      @ForAll @From("streamFiles") String file,
      @ForAll @Size(max = 40) List<@IntRange(max = 10_000) Integer> cuts) {
    byte[] body = Captured.load(file).body();
    ResponseObserver observer = new ResponseObserver();
    SseParser parser = new SseParser(observer);
    TreeSet<Integer> points = new TreeSet<>();
    cuts.forEach(cut -> points.add(cut % (body.length + 1)));
    points.add(body.length);
    int from = 0;
    for (int to : points) {
      parser.feed(body, from, to - from);
      from = to;
    }

    assertThat(parser.finish()).isTrue();
    assertThat(observer.summary()).isEqualTo(SimulatorCapturesTest.observeStream(file));
  }

  @Provide
  Arbitrary<String> streamFiles() {
    return Arbitraries.of("ok-stream", "ok-stream-usage-with-choices", "mid-stream-with-choices",
        "mid-stream-no-choices", "mid-stream-string-code", "malformed-stream", "truncated-stream");
  }
}
