package io.sluice.simulator.openrouter;

import io.sluice.simulator.scenario.CompletionLength;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic completion text: the same seed gives the same words. Each piece is exactly one
 * token, so a completion's token count is the number of pieces.
 */
final class ContentGenerator {

  private final List<String> words = Tokenizer.INSTANCE.singleTokenWords();

  /**
   * @param seed decides the words and the natural length
   * @param length range of natural lengths
   * @param maxTokens cut-off; a completion longer than this stops with {@code finish_reason: length}
   */
  Completion generate(long seed, CompletionLength length, int maxTokens) {
    SplitMix random = new SplitMix(seed);
    int natural = length.min() + random.nextInt(length.max() - length.min() + 1);
    int count = Math.min(natural, maxTokens);
    List<String> pieces = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      boolean endOfSentence = i > 0 && i % 12 == 11;
      String piece = endOfSentence ? "." : words.get(random.nextInt(words.size()));
      pieces.add(i == 0 || endOfSentence ? piece : " " + piece);
    }
    return new Completion(pieces, natural > maxTokens ? "length" : "stop");
  }

  /**
   * A generated completion.
   *
   * @param pieces one token each
   * @param finishReason {@code stop} or {@code length}
   */
  record Completion(List<String> pieces, String finishReason) {
    int tokens() {
      return pieces.size();
    }

    String text() {
      return String.join("", pieces);
    }

    String text(int fromPiece, int toPiece) {
      return String.join("", pieces.subList(fromPiece, toPiece));
    }
  }
}
