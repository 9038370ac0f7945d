package io.sluice.simulator.openrouter;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;

/**
 * Counts tokens with a real BPE tokenizer (cl100k_base through JTokkit), and offers a
 * vocabulary of words that are each exactly one token, so generated completions report
 * token counts that the tokenizer agrees with.
 */
final class Tokenizer {

  /** Tokens OpenAI's chat format adds per message, and once to prime the reply. */
  static final int PER_MESSAGE = 3;
  static final int REPLY_PRIMING = 3;

  private static final List<String> CANDIDATE_WORDS = List.of(
      "the", "model", "request", "answer", "limit", "token", "time", "data", "value", "system", "user", "result",
      "question", "example", "provider", "route", "cost", "window", "minute", "day", "queue", "gateway", "server",
      "client", "stream", "chunk", "error", "retry", "budget", "credit", "key", "policy", "plan", "step", "work",
      "team", "code", "test", "fast", "slow", "small", "large", "good", "clear", "simple", "first", "last", "next",
      "more", "less", "each", "every", "some", "many", "few", "also", "then", "when", "where", "which", "this",
      "that", "with", "from", "into", "over", "under", "about", "after", "before", "because", "while", "through",
      "is", "are", "was", "can", "will", "should", "could", "would", "make", "take", "give", "find", "keep", "use",
      "send", "read", "write", "wait", "call", "run", "start", "stop", "open", "close", "new", "old", "high", "low",
      "and", "or", "but", "not", "all", "one", "two", "three", "four", "five", "ten", "way", "part", "case", "point",
      "group", "number", "line", "list", "name", "place", "state", "change", "order", "level", "rate", "load");

  /** Created after the word list it filters. */
  static final Tokenizer INSTANCE = new Tokenizer();

  private final Encoding encoding;
  private final List<String> singleTokenWords;

  private Tokenizer() {
    this.encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    this.singleTokenWords = CANDIDATE_WORDS.stream()
        .filter(w -> encoding.countTokens(w) == 1 && encoding.countTokens(" " + w) == 1)
        .toList();
  }

  int count(String text) {
    return text == null || text.isEmpty() ? 0 : encoding.countTokens(wellFormed(text));
  }

  /**
   * JSON may carry lone surrogates (an escaped half of a pair), which are not Unicode, and the
   * encoder asserts on them; they become U+FFFD, as when encoding to UTF-8.
   */
  private static String wellFormed(String text) {
    if (text.codePoints().noneMatch(Tokenizer::isSurrogate)) {
      return text;
    }
    StringBuilder fixed = new StringBuilder(text.length());
    text.codePoints().forEach(c -> fixed.appendCodePoint(isSurrogate(c) ? 0xFFFD : c));
    return fixed.toString();
  }

  private static boolean isSurrogate(int codePoint) {
    return codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
  }

  /** Words {@code w} for which both {@code "w"} and {@code " w"} are a single token. */
  List<String> singleTokenWords() {
    return singleTokenWords;
  }
}
