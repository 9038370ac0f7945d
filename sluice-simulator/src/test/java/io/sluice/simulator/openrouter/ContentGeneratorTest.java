package io.sluice.simulator.openrouter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.simulator.scenario.CompletionLength;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ContentGeneratorTest {

  private final ContentGenerator generator = new ContentGenerator();

  @Property(tries = 200)
  void reportedTokensAreWhatTheTokenizerCounts(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int maxTokens) {
    ContentGenerator.Completion completion = generator.generate(seed, new CompletionLength(1, 200), maxTokens);

    assertThat(Tokenizer.INSTANCE.count(completion.text())).isEqualTo(completion.tokens());
    assertThat(completion.tokens()).isLessThanOrEqualTo(maxTokens);
  }

  @Property(tries = 50)
  void theSameSeedGivesTheSameText(@ForAll long seed) {
    CompletionLength length = new CompletionLength(5, 50);

    assertThat(generator.generate(seed, length, 100)).isEqualTo(generator.generate(seed, length, 100));
  }

  @Property(tries = 50)
  void aCutCompletionStopsForLength(@ForAll long seed) {
    ContentGenerator.Completion completion = generator.generate(seed, new CompletionLength(40, 60), 10);

    assertThat(completion.tokens()).isEqualTo(10);
    assertThat(completion.finishReason()).isEqualTo("length");
  }
}
