package io.sluice.gateway.chat;

import io.sluice.upstream.openrouter.ResponseSummary;
import io.sluice.upstream.openrouter.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per chat request on the {@code sluice.access} logger: who, what was asked, what served
 * it, how it ended, tokens and cost. Key names appear; keys never do.
 */
final class AccessLog {

  private static final Logger log = LoggerFactory.getLogger("sluice.access");

  void record(ChatCompletion done) {
    if (!log.isInfoEnabled()) {
      return;
    }
    ChatContext context = done.context();
    ResponseSummary summary = done.summary();
    Usage usage = summary.usage();
    log.info("{} key={} tenant={} model={} route={} stream={} ending={} status={} attempts={} ms={} served={} provider={}"
            + " tokens_in={} tokens_out={} cost={}{}{}",
        context.requestId(), context.key().name(), context.key().tenant(), context.model().orElse("-"),
        context.route().orElse("-"), context.stream(), done.ending(), done.upstreamStatus(),
        done.attempts(), done.elapsedNanos() / 1_000_000,
        orDash(summary.model()), orDash(summary.provider()),
        usage == null ? "-" : usage.promptTokens(), usage == null ? "-" : usage.completionTokens(),
        usage == null || usage.cost() == null ? "-" : usage.cost().toPlainString(),
        summary.error() == null ? "" : " error=\"" + summary.error().message() + "\"",
        done.failure() == null ? "" : " failure=" + done.failure().kind() + " \"" + done.failure().detail() + "\"");
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }
}
