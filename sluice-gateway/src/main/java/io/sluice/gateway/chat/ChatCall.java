package io.sluice.gateway.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.sluice.gateway.Timers;
import io.sluice.gateway.server.Exchange;
import io.sluice.gateway.upstream.UpstreamClient;
import io.sluice.gateway.upstream.UpstreamRequest;
import java.time.InstantSource;
import java.util.function.Consumer;

/**
 * One client request and the upstream attempts made for it. Each attempt is relayed by its own
 * {@link ChatRelay}; a failure before anything reached the client goes to the
 * {@link AttemptPolicy}, which either lets the client see it or has this call try again. The
 * client's body is kept until the request is over, for the attempts that resend it.
 */
final class ChatCall {

  private final Exchange exchange;
  private final ChatContext context;
  private final ChatRequest request;
  private final ByteBuf clientBody;
  private final UpstreamClient upstream;
  private final AttemptPolicy policy;
  private final Consumer<ChatCompletion> onOver;
  private final InstantSource clock;
  private final Timers timers;
  private int attempts;
  private ChatRequest lastSent;

  ChatCall(Exchange exchange, ChatContext context, ChatRequest request, ByteBuf clientBody, UpstreamClient upstream,
      AttemptPolicy policy, Consumer<ChatCompletion> onOver, InstantSource clock, Timers timers) {
    this.exchange = exchange;
    this.context = context;
    this.request = request;
    this.clientBody = clientBody;
    this.upstream = upstream;
    this.policy = policy;
    this.onOver = done -> {
      clientBody.release(); // no attempt needs it any more
      onOver.accept(done);
    };
    this.clock = clock;
    this.timers = timers;
  }

  /** Sends the first attempt, for the model the request names (after alias resolution). */
  void start() {
    attempt(request);
  }

  /** True when the client gets {@code failed}; false when another attempt is on its way. */
  private boolean relay(FailedAttempt failed) {
    return switch (policy.afterFailure(failed, attempts)) {
      case AttemptPolicy.Relay relay -> true;
      case AttemptPolicy.TryAgain again -> {
        ChatRequest next = again.model().equals(failed.model()) ? lastSent : request.withModel(again.model());
        Timers.Cancellable wait = timers.schedule(exchange.eventLoop(), again.after(), () -> attempt(next));
        exchange.onClientGone(() -> { // the client left while the next attempt waited
          wait.cancel();
          onOver.accept(new ChatCompletion(context, ChatCompletion.Ending.CLIENT_LEFT, failed.status(),
              failed.summary(), null, timers.nanoTime() - context.startNanos()));
        });
        yield false;
      }
    };
  }

  private void attempt(ChatRequest toSend) {
    lastSent = toSend;
    attempts++;
    String model = toSend.model().orElse("");
    ChatRelay relay = new ChatRelay(exchange, context, model, attempts, this::relay, onOver, clock, timers);
    ByteBuf body = toSend == request ? clientBody.retainedDuplicate() : Unpooled.wrappedBuffer(toSend.body());
    relay.attach(upstream.send(exchange.eventLoop(), UpstreamRequest.post("/chat/completions", body, toSend.stream()),
        relay));
  }
}
